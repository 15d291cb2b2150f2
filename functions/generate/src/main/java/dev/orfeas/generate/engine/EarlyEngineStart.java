package dev.orfeas.generate.engine;

import dev.orfeas.config.EarlyStart;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts loading the engine before Spring creates its beans, so the load (seconds: natives, model, warm-up) runs
 * alongside the context's own start instead of after it; {@link Engine} adopts it when its properties match.
 */
public final class EarlyEngineStart extends EarlyStart<EngineProperties, EngineLoad> {

    public EarlyEngineStart() {
        super("earlyEngineLoad", "orfeas.generation", EngineProperties.class);
    }

    /** Not in a start that stops at refresh (the GPU image's AOT training, which has no GPU). */
    @Override
    protected boolean wanted(ConfigurableApplicationContext context) {
        return !context.getEnvironment().containsProperty("spring.context.exit");
    }

    @Override
    protected EngineLoad begin(EngineProperties properties) {
        return EngineLoad.unclaimed(properties);
    }

    /** A context that never made an Engine (or made one with other properties) must not leak the load. */
    @Override
    protected void abandon(EngineLoad load) {
        load.abandon();
    }
}
