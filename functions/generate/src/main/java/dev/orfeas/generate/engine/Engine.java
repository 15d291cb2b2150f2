package dev.orfeas.generate.engine;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.IdentifiedImage;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.orfeas.web.metrics.StartupTimeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one {@link MeshGenerator} of this process. Loads (and warms up) on a background thread — in the app from
 * before the context's beans exist ({@link EarlyEngineStart}), so the load overlaps Spring's own start — and
 * liveness answers while it loads; readiness stays DOWN until it is done ({@link EngineHealthIndicator}). A load
 * failure stops the app with exit code 1.
 */
public class Engine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    public enum State { LOADING, READY, FAILED, CLOSED }

    private final EngineProperties properties;
    private final ApplicationContext context;
    private final StartupTimeline timeline;
    private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
    private volatile MeshGenerator generator;
    private boolean running; // guarded by this: between start() and stop()
    private int starts; // guarded by this: a load from before a stop/start cycle must not install its engine
    private Throwable failure; // guarded by this: a load that failed before start()
    private volatile double loadSeconds = Double.NaN;
    private volatile double warmUpSeconds = Double.NaN;

    /** An engine that starts loading at {@link #start()} (unit tests). */
    public Engine(EngineProperties properties, ApplicationContext context, MeterRegistry registry) {
        this(properties, context, registry, null, null);
    }

    /**
     * The app's engine.
     *
     * @param timeline told about each step and when the engine is ready
     * @param early    a load begun before the context ({@link EarlyEngineStart}); adopted when it loads these
     *                 properties, else a fresh load begins at {@link #start()}
     */
    Engine(EngineProperties properties, ApplicationContext context, MeterRegistry registry, StartupTimeline timeline,
           EngineLoad early) {
        this.properties = properties;
        this.context = context;
        this.timeline = timeline;
        Gauge.builder("orfeas.engine.load", this, e -> e.loadSeconds).baseUnit("seconds")
                .description("Time to load the PyTorch engine and the depth model").register(registry);
        Gauge.builder("orfeas.engine.warmup", this, e -> e.warmUpSeconds).baseUnit("seconds")
                .description("Time of the warm-up generation").register(registry);
        Gauge.builder("orfeas.engine.ready", this, e -> e.state() == State.READY ? 1 : 0)
                .description("1 once the engine is loaded and warmed up").register(registry);
        if (early != null && early.properties().equals(properties) && early.claim()) {
            synchronized (this) {
                adopt(early, ++starts);
            }
        }
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

    /** The image with the id {@link #generate} would give, hashed once: look the mesh up by it, then generate. */
    public IdentifiedImage identify(byte[] image, GenerationOptions options) {
        return ready().identify(image, options);
    }

    /** {@code input} itself when the engine in use identified it, else identified anew. */
    public IdentifiedImage identify(IdentifiedImage input) {
        return ready().identify(input);
    }

    /** As {@link #generate(byte[], GenerationOptions, ProgressListener)}, under the id already computed. */
    public GenerationResult generate(IdentifiedImage input, ProgressListener progress) {
        return ready().generate(input, progress);
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
        if (failure != null) {
            throw new IllegalStateException("the engine failed to load: " + failure, failure);
        }
        if (state.get() == State.CLOSED || starts == 0) {
            state.set(State.LOADING);
            adopt(EngineLoad.begin(properties), ++starts);
        }
        running = true;
    }

    private void adopt(EngineLoad load, int epoch) {
        load.result().whenComplete((loaded, error) -> {
            if (error != null) {
                failed(error);
            } else {
                install(loaded, epoch);
            }
        });
    }

    private void install(EngineLoad.Loaded loaded, int epoch) {
        MeshGenerator g = loaded.generator();
        loadSeconds = loaded.engineSeconds() + loaded.modelSeconds();
        warmUpSeconds = loaded.warmUpSeconds();
        log.info("engine loaded in {} s (field source {}, device setting {})",
                String.format("%.2f", loaded.engineSeconds()), g.fieldSource(), properties.device());
        g.segmentationModel().ifPresentOrElse(
                m -> log.info("segmentation model {} (sha256 {}) loaded in {} ms", m.file(), m.sha256(),
                        String.format("%.0f", m.loadMillis())),
                () -> log.warn("no segmentation model installed: photos use the built-in backdrop segmenter "
                        + "(scripts/fetch-models.sh installs IS-Net)"));
        if (!Double.isNaN(warmUpSeconds)) {
            log.info("engine warmed up in {} s", String.format("%.2f", warmUpSeconds));
        }
        if (!Double.isNaN(loaded.modelWarmUpSeconds())) {
            log.info("segmentation model's first inference (warm-up) took {} s",
                    String.format("%.2f", loaded.modelWarmUpSeconds()));
        } else {
            g.segmentationModel().ifPresent(m -> log.info("segmentation model not run before readiness ({}; "
                    + "orfeas.generation.model-warm-up={}): the first photo pays its first inference",
                    m.onCuda() ? "CUDA" : "CPU", properties.modelWarmUp()));
        }
        synchronized (this) {
            if (state.get() != State.LOADING || epoch != starts) {
                g.close(); // stopped while loading
                return;
            }
            generator = g;
            state.set(State.READY);
        }
        if (timeline != null) { // null: the unit tests' engine
            timeline.phase("engine", loaded.engineSeconds());
            g.segmentationModel().ifPresent(m -> timeline.phase("model", loaded.modelSeconds()));
            if (!Double.isNaN(warmUpSeconds)) {
                timeline.phase("warmup", warmUpSeconds);
            }
            if (!Double.isNaN(loaded.modelWarmUpSeconds())) {
                timeline.phase("first-inference", loaded.modelWarmUpSeconds());
            }
            timeline.appReady();
        }
    }

    private void failed(Throwable e) {
        synchronized (this) {
            state.set(State.FAILED);
            if (!running) {
                failure = e; // start() fails the context's refresh with it: the app stops with exit code 1
                return;
            }
        }
        log.error("engine failed to load, stopping: {}", e.toString(), e);
        Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(context, () -> 1)));
    }

    @Override
    public synchronized void stop() {
        // in-flight generations finish before this phase (web server graceful shutdown runs first)
        state.set(State.CLOSED);
        running = false;
        MeshGenerator g = generator;
        generator = null;
        if (g != null) {
            g.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at {@code SmartLifecycle.DEFAULT_PHASE - 1024}) has drained. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
