package dev.orfeas.generate.engine;

/** A request arrived before the engine was loaded, or after shutdown began: 503. */
public class EngineNotReadyException extends RuntimeException {

    public EngineNotReadyException(Engine.State state) {
        super("the engine is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
}
