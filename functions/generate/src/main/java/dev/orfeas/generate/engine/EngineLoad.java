package dev.orfeas.generate.engine;

import dev.orfeas.mesh.MeshGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One load of the engine on its own thread: PyTorch natives and the field, the segmentation model's session, the
 * warm-up generation. DJL's ONNX Runtime engine (its natives, its environment) starts on a second thread meanwhile
 * (it does not depend on PyTorch), so the model's session finds it in place.
 */
final class EngineLoad {

    private static final Logger log = LoggerFactory.getLogger(EngineLoad.class);

    /** What a finished load hands over, with how long each step took. */
    record Loaded(MeshGenerator generator, double engineSeconds, double modelSeconds, double warmUpSeconds,
                  double modelWarmUpSeconds) {
    }

    private final EngineProperties properties;
    private final CompletableFuture<Loaded> result = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    private EngineLoad(EngineProperties properties) {
        this.properties = properties;
    }

    /** A load nobody else can claim (the caller owns it). */
    static EngineLoad begin(EngineProperties properties) {
        EngineLoad load = unclaimed(properties);
        load.claim();
        return load;
    }

    /** A load for whoever {@link #claim claims} it first. */
    static EngineLoad unclaimed(EngineProperties properties) {
        EngineLoad load = new EngineLoad(properties);
        if (properties.settings().segmentationModel().isPresent()) {
            Thread.ofPlatform().name("ort-natives").daemon().start(EngineLoad::loadOnnxRuntime);
        }
        Thread.ofPlatform().name("engine-loader").daemon().start(load::run);
        return load;
    }

    EngineProperties properties() {
        return properties;
    }

    CompletableFuture<Loaded> result() {
        return result;
    }

    /** Whoever claims it first owns the loaded generator (and closes it); false once claimed or abandoned. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Nobody will use this load: close what it makes, unless an {@link Engine} claimed it. */
    void abandon() {
        if (claim()) {
            result.thenAccept(loaded -> loaded.generator().close());
        }
    }

    private void run() {
        try {
            long start = System.nanoTime();
            MeshGenerator g = new MeshGenerator(properties.settings());
            double total = (System.nanoTime() - start) / 1e9;
            double model = g.segmentationModel().map(m -> m.loadMillis() / 1e3).orElse(0.0);
            double warmUp = Double.NaN;
            if (properties.warmUp()) {
                long warm = System.nanoTime();
                g.warmUp();
                warmUp = (System.nanoTime() - warm) / 1e9;
            }
            double modelWarmUp = Double.NaN;
            if (warmsUpModel(g)) {
                long warm = System.nanoTime();
                g.warmUpModel();
                modelWarmUp = (System.nanoTime() - warm) / 1e9;
            }
            result.complete(new Loaded(g, total - model, model, warmUp, modelWarmUp));
        } catch (Throwable e) { // an OutOfMemoryError in the warm-up too: the engine must end failed, never "loading"
            result.completeExceptionally(e);
        }
    }

    private boolean warmsUpModel(MeshGenerator g) {
        return g.segmentationModel().map(m -> switch (properties.modelWarmUp()) {
            case "always" -> true;
            case "never" -> false;
            default -> m.onCuda();
        }).orElse(false);
    }

    private static void loadOnnxRuntime() {
        try {
            // through DJL, which creates ONNX Runtime's one environment with its own settings (a bare
            // OrtEnvironment here would make DJL's engine fail to start)
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
        } catch (RuntimeException | LinkageError e) {
            log.debug("ONNX Runtime did not load ahead of the model: {}", e.toString()); // the model's load reports it
        }
    }
}
