package dev.orfeas.generate.generation;

import dev.orfeas.generate.engine.Engine;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.export.ExportedFile;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Image → stored mesh, content-addressed: a request whose id (hash of image + options) already has a meta.json is
 * answered from storage without generating. A new mesh is written file by file and published by its meta.json
 * (written last); if any write fails the ones before it are removed.
 */
public class MeshService {

    private static final Logger log = LoggerFactory.getLogger(MeshService.class);

    private final Engine engine;
    private final ObjectStore store;
    private final JsonMapper json;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter cacheHits;
    private final Counter bytesWritten;

    public MeshService(Engine engine, ObjectStore store, JsonMapper json, MeterRegistry registry, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.json = json;
        this.registry = registry;
        this.clock = clock;
        this.cacheHits = Counter.builder("orfeas.generation.cache.hits")
                .description("Requests answered with a mesh already stored").register(registry);
        this.bytesWritten = Counter.builder("orfeas.storage.written").baseUnit("bytes")
                .description("Bytes written to the object store").register(registry);
    }

    /** The stored mesh for this request, generating it when it is not stored yet. */
    public Outcome generate(GenerationRequest request, ProgressListener progress) {
        String format = request.options().format().extension();
        long start = System.nanoTime();
        String outcome = "error";
        boolean hit = false;
        try {
            Optional<MeshMeta> stored = find(engine.meshIdFor(request.image(), request.options()));
            if (stored.isPresent()) {
                cacheHits.increment();
                hit = true;
                outcome = "success";
                return new Outcome(stored.get(), true, null);
            }
            GenerationResult result = engine.generate(request.image(), request.options(),
                    timed(progress, format));
            Optional<MeshMeta> raced = find(result.meshId());
            if (raced.isPresent()) {
                // same mesh id under another request id (or a concurrent twin): keep the stored one
                outcome = "success";
                return new Outcome(raced.get(), true, null);
            }
            MeshMeta meta = store(request, result);
            DistributionSummary.builder("orfeas.mesh.faces").tag("format", format).register(registry)
                    .record(result.report().faces());
            DistributionSummary.builder("orfeas.mesh.vertices").tag("format", format).register(registry)
                    .record(result.report().vertices());
            outcome = "success";
            return new Outcome(meta, false, result.export().primary().bytes());
        } catch (ImageRejectedException | IllegalArgumentException e) {
            outcome = "rejected";
            throw e;
        } finally {
            Timer.builder("orfeas.generation").description("Requests for a mesh, end to end")
                    .tags("format", format, "outcome", outcome, "cache", hit ? "hit" : "miss")
                    .publishPercentileHistogram().register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
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

    private MeshMeta store(GenerationRequest request, GenerationResult result) {
        String id = result.meshId();
        GenerationOptions options = request.options();
        String base = request.baseName();
        String sourceExt = MeshLayout.extensionFor(request.contentType(), result.report().source().format());
        String sourceType = request.contentType() != null && request.contentType().startsWith("image/")
                ? request.contentType() : "image/" + ("jpg".equals(sourceExt) ? "jpeg" : sourceExt);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("mesh-id", id);
        metadata.put("options", options.canonical());
        metadata.put("source-name", request.sourceName() == null ? "" : request.sourceName());
        if (request.origin() != null) {
            metadata.put("source-key", request.origin());
        }

        ExportedFile primary = result.export().primary();
        List<ObjectWrite> writes = new ArrayList<>();
        String modelKey = MeshLayout.model(id, options.format().extension());
        writes.add(new ObjectWrite(modelKey, primary.bytes(), options.format().mediaType(),
                base + "." + options.format().extension(), metadata));
        for (ExportedFile companion : result.export().companions()) {
            writes.add(new ObjectWrite(MeshLayout.file(id, companion.name()), companion.bytes(),
                    companion.mediaType(), null, metadata));
        }
        String sourceKey = MeshLayout.source(id, sourceExt);
        writes.add(new ObjectWrite(sourceKey, request.image(), sourceType, base + "." + sourceExt, metadata));

        List<MeshMeta.FileRef> files = new ArrayList<>();
        for (int i = 0; i < writes.size() - 1; i++) {
            ObjectWrite w = writes.get(i);
            String name = w.key().substring(w.key().indexOf('/') + 1);
            files.add(new MeshMeta.FileRef(name, w.key(), w.contentType(), w.bytes().length));
        }
        Instant now = clock.instant();
        MeshMeta meta = new MeshMeta(id, now,
                new MeshMeta.Options(options.format().extension(),
                        options.quality().name().toLowerCase(Locale.ROOT), options.effectiveFaces(),
                        options.detail()),
                new MeshMeta.Source(sourceKey, request.sourceName(), sourceType, request.image().length,
                        request.origin()),
                files, json.readTree(result.report().toJson()));
        writes.add(new ObjectWrite(MeshLayout.meta(id), json.writeValueAsBytes(meta), "application/json", null,
                metadata));
        writes.add(ObjectWrite.of(MeshLayout.recent(id, now.toEpochMilli()), new byte[0], "text/plain"));

        List<String> written = new ArrayList<>();
        try {
            for (ObjectWrite w : writes) {
                bytesWritten.increment(store.put(bucket(), w));
                written.add(w.key());
            }
        } catch (RuntimeException e) {
            log.warn("storing mesh {} failed after {} of {} objects; removing them", id, written.size(),
                    writes.size());
            store.deleteQuietly(bucket(), written);
            throw e;
        }
        log.info("stored mesh {} ({} faces, {} bytes of {})", id, result.report().faces(), primary.bytes().length,
                options.format().extension());
        return meta;
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

    /**
     * @param meta       the stored mesh
     * @param cached     answered from storage, nothing generated
     * @param modelBytes the model's bytes when just generated (null when cached: read with {@link #readModel})
     */
    public record Outcome(MeshMeta meta, boolean cached, byte[] modelBytes) {
    }
}
