package dev.orfeas.mesh.field;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The PyTorch engine on the chosen device, loaded once per process. Natives come from the classpath
 * ({@code ai.djl.offline=true}); "auto" picks the first GPU when one is visible, else the CPU.
 */
public final class TorchRuntime implements AutoCloseable {

    private final Engine engine;
    private final Device device;
    private final NDManager root;
    private final double loadMillis;

    public TorchRuntime(String deviceChoice) {
        setDefault("ai.djl.offline", "true");
        // The field's tensors are small (≤ 300² floats): one PyTorch thread per call beats a thread team, and
        // concurrency comes from serving requests in parallel. OpenMP teams also degrade badly when the cores are
        // shared with other work (seen here: 50× slower under load).
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        long start = System.nanoTime();
        engine = Engine.getEngine("PyTorch");
        device = switch (deviceChoice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException("device=gpu but PyTorch sees no GPU (are the CUDA natives installed?)");
                }
                yield Device.gpu();
            }
            default -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
        root = engine.newBaseManager(device);
        loadMillis = (System.nanoTime() - start) / 1e6;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public Engine engine() {
        return engine;
    }

    public Device device() {
        return device;
    }

    /** A manager for one computation; close it to free everything it made. */
    public NDManager newScope() {
        return root.newSubManager();
    }

    public double loadMillis() {
        return loadMillis;
    }

    @Override
    public void close() {
        root.close();
    }
}
