package dev.orfeas.mesh;

/** Told after each stage finishes; must be quick (it runs on the generating thread). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, millis) -> { };

    void stageDone(Stage stage, double millis);
}
