package dev.orfeas.generate.engine;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one {@link MeshGenerator} of this process. Loads (and warms up) on a background thread when the context
 * starts, so liveness answers while the model loads; readiness stays DOWN until it is done
 * ({@link EngineHealthIndicator}). A load failure stops the app with exit code 1.
 */
public class Engine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    public enum State { LOADING, READY, FAILED, CLOSED }

    private final EngineProperties properties;
    private final ApplicationContext context;
    private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
    private volatile MeshGenerator generator;
    private volatile Thread loader;
    private int starts; // guarded by this: a loader from before a stop/start cycle must not install its engine
    private volatile double loadSeconds = Double.NaN;
    private volatile double warmUpSeconds = Double.NaN;

    public Engine(EngineProperties properties, ApplicationContext context, MeterRegistry registry) {
        this.properties = properties;
        this.context = context;
        Gauge.builder("orfeas.engine.load", this, e -> e.loadSeconds).baseUnit("seconds")
                .description("Time to load the PyTorch engine and the depth model").register(registry);
        Gauge.builder("orfeas.engine.warmup", this, e -> e.warmUpSeconds).baseUnit("seconds")
                .description("Time of the warm-up generation").register(registry);
        Gauge.builder("orfeas.engine.ready", this, e -> e.state() == State.READY ? 1 : 0)
                .description("1 once the engine is loaded and warmed up").register(registry);
    }

    public State state() {
        return state.get();
    }

    /** @throws EngineNotReadyException while loading or after close */
    public GenerationResult generate(byte[] image, GenerationOptions options, ProgressListener progress) {
        return ready().generate(image, options, progress);
    }

    /** The id {@link #generate} would give, without generating. */
    public String meshIdFor(byte[] image, GenerationOptions options) {
        return ready().meshIdFor(image, options);
    }

    public String fieldSource() {
        return ready().fieldSource();
    }

    /** The segmentation model in use, when one is installed. */
    public java.util.Optional<dev.orfeas.mesh.segment.SegmentationModel> segmentationModel() {
        return ready().segmentationModel();
    }

    private MeshGenerator ready() {
        MeshGenerator g = generator;
        if (state.get() != State.READY || g == null) {
            throw new EngineNotReadyException(state.get());
        }
        return g;
    }

    /** Also after {@link #stop()} (a paused test context is started again): loads a fresh engine. */
    @Override
    public synchronized void start() {
        state.set(State.LOADING);
        int epoch = ++starts;
        loader = Thread.ofPlatform().name("engine-loader").daemon().start(() -> load(epoch));
    }

    private void load(int epoch) {
        try {
            long start = System.nanoTime();
            MeshGenerator g = new MeshGenerator(properties.settings());
            loadSeconds = (System.nanoTime() - start) / 1e9;
            log.info("engine loaded in {} s (field source {}, device setting {})",
                    String.format("%.2f", loadSeconds), g.fieldSource(), properties.device());
            g.segmentationModel().ifPresentOrElse(
                    m -> log.info("segmentation model {} (sha256 {}) loaded in {} ms", m.file(), m.sha256(),
                            String.format("%.0f", m.loadMillis())),
                    () -> log.warn("no segmentation model installed: photos use the built-in backdrop segmenter "
                            + "(scripts/fetch-models.sh installs IS-Net)"));
            if (properties.warmUp()) {
                long warm = System.nanoTime();
                g.warmUp();
                warmUpSeconds = (System.nanoTime() - warm) / 1e9;
                log.info("engine warmed up in {} s", String.format("%.2f", warmUpSeconds));
            }
            synchronized (this) {
                if (state.get() == State.LOADING && epoch == starts) {
                    generator = g;
                    state.set(State.READY);
                } else {
                    g.close(); // stopped while loading
                }
            }
        } catch (RuntimeException | LinkageError e) {
            state.set(State.FAILED);
            log.error("engine failed to load, stopping: {}", e.toString(), e);
            Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(context, () -> 1)));
        }
    }

    @Override
    public synchronized void stop() {
        // in-flight generations finish before this phase (web server graceful shutdown runs first)
        state.set(State.CLOSED);
        MeshGenerator g = generator;
        generator = null;
        if (g != null) {
            g.close();
        }
    }

    @Override
    public boolean isRunning() {
        return loader != null && state.get() != State.CLOSED;
    }

    /** Stops after the web server (which stops at {@code SmartLifecycle.DEFAULT_PHASE - 1024}) has drained. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
