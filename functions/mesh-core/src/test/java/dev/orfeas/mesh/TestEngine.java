package dev.orfeas.mesh;

/** One engine for every test class in the JVM: loading PyTorch once keeps the suite quick. */
public final class TestEngine {

    private static MeshGenerator engine;

    private TestEngine() {
    }

    public static synchronized MeshGenerator get() {
        if (engine == null) {
            engine = new MeshGenerator(EngineSettings.defaults());
        }
        return engine;
    }
}
