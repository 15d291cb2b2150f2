package dev.orfeas.mesh;

/**
 * The engine: image bytes + options → mesh + quality report. Thread-safe; create one per process (it loads the
 * PyTorch engine and, when configured, the depth model) and close it at shutdown.
 */
public final class MeshGenerator implements AutoCloseable {

    public MeshGenerator(EngineSettings settings) {
        throw new UnsupportedOperationException("being written");
    }

    /** Runs one generation; throws {@link ImageRejectedException} subtypes for input that cannot become a mesh. */
    public GenerationResult generate(byte[] image, GenerationOptions options, ProgressListener progress) {
        throw new UnsupportedOperationException("being written");
    }

    /** "inflate" or "model": which field source this engine uses for images with a silhouette. */
    public String fieldSource() {
        throw new UnsupportedOperationException("being written");
    }

    /** Runs one small generation so the first real request does not pay for lazy initialisation. */
    public void warmUp() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
