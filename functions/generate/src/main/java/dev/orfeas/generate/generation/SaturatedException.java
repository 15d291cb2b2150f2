package dev.orfeas.generate.generation;

/** Every generation slot of this instance is busy: 429 with Retry-After. */
public class SaturatedException extends RuntimeException {

    public SaturatedException(int limit) {
        super("all " + limit + " generation slots of this instance are busy");
    }
}
