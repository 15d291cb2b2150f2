package dev.orfeas.generate.generation;

import dev.orfeas.generate.engine.Engine;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.IdentifiedImage;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.InvalidOptionsException;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Image → stored mesh, content-addressed: a request whose id (hash of image + options) already has a meta.json is
 * answered from storage (generation stopped, or its result dropped). A new mesh is written file by file and
 * published by its meta.json (written last); if any write fails the ones before it are removed.
 */
public class MeshService {

    private static final Logger log = LoggerFactory.getLogger(MeshService.class);

    private final Engine engine;
    private final ObjectStore store;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter cacheHits;
    private final MeshWriter writer;

    public MeshService(Engine engine, ObjectStore store, JsonMapper json, MeterRegistry registry, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
        this.cacheHits = Counter.builder("orfeas.generation.cache.hits")
                .description("Requests answered with a mesh already stored").register(registry);
        this.writer = new MeshWriter(store, json, clock, Counter.builder("orfeas.storage.written")
                .baseUnit("bytes").description("Bytes written to the object store").register(registry));
    }

    /**
     * The stored mesh for this request, generating it when it is not stored yet. The lookup runs alongside the
     * generation ({@link CacheLookup}): a hit stops the engine at its next stage, a miss costs no extra wait.
     */
    public Outcome generate(GenerationRequest request, ProgressListener progress) {
        String format = request.options().format().extension();
        long start = System.nanoTime();
        String outcome = "error";
        boolean hit = false;
        // How the object was found (alpha, backdrop, model, none); "unknown" for cache hits and failures.
        String foreground = "unknown";
        try {
            IdentifiedImage input = request.identified() != null ? engine.identify(request.identified())
                    : engine.identify(request.image(), request.options());
            String id = input.meshId();
            CacheLookup lookup = request.lookup() != null && input.meshId().equals(request.identified().meshId())
                    ? new CacheLookup(request.lookup(), timed(progress, format))
                    : new CacheLookup(() -> find(id), timed(progress, format)); // engine reloaded: another id
            GenerationResult result;
            double engineMs;
            Optional<MeshMeta> stored;
            try {
                result = engine.generate(input, lookup);
                engineMs = millisSince(start);
                stored = lookup.await();
            } catch (CacheLookup.Hit h) {
                result = null;
                engineMs = Double.NaN;
                stored = Optional.of(h.meta());
            }
            if (stored.isPresent()) {
                cacheHits.increment();
                hit = true;
                outcome = "success";
                return new Outcome(stored.get(), true, null, Map.of("lookup", lookup.millis()));
            }
            foreground = result.report().foreground().source();
            long storeStart = System.nanoTime();
            MeshMeta meta = writer.write(request, result);
            double storeMs = millisSince(storeStart);
            DistributionSummary.builder("orfeas.mesh.faces").tag("format", format).register(registry)
                    .record(result.report().faces());
            DistributionSummary.builder("orfeas.mesh.vertices").tag("format", format).register(registry)
                    .record(result.report().vertices());
            outcome = "success";
            return new Outcome(meta, false, result.export().primary().bytes(),
                    Map.of("lookup", lookup.millis(), "engine", engineMs, "store", storeMs));
        } catch (ImageRejectedException | InvalidOptionsException e) {
            outcome = "rejected";
            throw e;
        } finally {
            Timer.builder("orfeas.generation").description("Requests for a mesh, end to end")
                    .tags("format", format, "outcome", outcome, "cache", hit ? "hit" : "miss", "foreground", foreground)
                    .publishPercentileHistogram().register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Which of these ids are published (their meta.json exists), checked in parallel. */
    public Set<String> published(List<String> ids) {
        try (var scope = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Boolean>> checks = new LinkedHashMap<>();
            for (String id : ids) {
                checks.put(id, scope.submit(() -> MeshLayout.ID.matcher(id).matches()
                        && store.exists(bucket(), MeshLayout.meta(id))));
            }
            Set<String> published = new HashSet<>();
            for (var check : checks.entrySet()) {
                if (Futures.join(check.getValue())) {
                    published.add(check.getKey());
                }
            }
            return published;
        }
    }

    /** A published mesh by id. */
    public Optional<MeshMeta> find(String id) {
        if (!MeshLayout.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return store.get(bucket(), MeshLayout.meta(id)).map(o -> json.readValue(o.bytes(), MeshMeta.class));
    }

    /** The model file's bytes of a stored mesh. */
    public byte[] readModel(MeshMeta meta) {
        return store.get(bucket(), meta.primary().key())
                .orElseThrow(() -> new IllegalStateException("mesh " + meta.id() + " lost its model file"))
                .bytes();
    }

    private ProgressListener timed(ProgressListener progress, String format) {
        return (stage, millis) -> {
            Timer.builder("orfeas.generation.stage").description("Time per pipeline stage")
                    .tags("stage", stage.label(), "format", format).publishPercentileHistogram()
                    .register(registry).record(Duration.ofNanos((long) (millis * 1e6)));
            progress.stageDone(stage, millis);
        };
    }

    private String bucket() {
        return store.properties().buckets().meshes();
    }

    private static double millisSince(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e4) / 100.0;
    }

    /**
     * @param meta       the stored mesh
     * @param cached     answered from storage, nothing generated
     * @param modelBytes the model's bytes when just generated (null when cached: read with {@link #readModel})
     * @param timingsMs  where the time went (lookup, engine, store), for the {@code Server-Timing} header
     */
    public record Outcome(MeshMeta meta, boolean cached, byte[] modelBytes, Map<String, Double> timingsMs) {
    }
}
