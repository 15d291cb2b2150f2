package dev.orfeas.generate.generation;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.export.ExportedFile;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one generated mesh: model, companions, source image and the listing marker in parallel, then
 * {@code meta.json}, which publishes the mesh. If any write fails, the objects already written are removed. A
 * marker can thus exist a moment before its mesh (or, after a crash, without one): the listing shows only markers
 * whose {@code meta.json} exists ({@link MeshService#published}).
 */
class MeshWriter {

    private static final Logger log = LoggerFactory.getLogger(MeshWriter.class);

    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter bytesWritten;

    MeshWriter(ObjectStore store, JsonMapper json, Clock clock, Counter bytesWritten) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.bytesWritten = bytesWritten;
    }

    MeshMeta write(GenerationRequest request, GenerationResult result) {
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
                files, json.valueToTree(result.report()));
        writes.add(ObjectWrite.of(MeshLayout.recent(id, now.toEpochMilli()), new byte[0], "text/plain"));
        ObjectWrite publish = new ObjectWrite(MeshLayout.meta(id), json.writeValueAsBytes(meta), "application/json",
                null, metadata);

        // model, companions, source and listing marker in parallel; then meta.json, which publishes the mesh
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try {
            putAll(writes, written);
            putAll(List.of(publish), written);
        } catch (RuntimeException e) {
            log.warn("storing mesh {} failed after {} of {} objects; removing them", id, written.size(),
                    writes.size() + 1);
            store.deleteQuietly(bucket(), List.copyOf(written));
            throw e;
        }
        log.info("stored mesh {} ({} faces, {} bytes of {})", id, result.report().faces(), primary.bytes().length,
                options.format().extension());
        return meta;
    }

    private void putAll(List<ObjectWrite> batch, List<String> written) {
        if (batch.size() == 1) {
            bytesWritten.increment(store.put(bucket(), batch.getFirst()));
            written.add(batch.getFirst().key());
            return;
        }
        try (var scope = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> puts = batch.stream().<Future<?>>map(w -> scope.submit(() -> {
                bytesWritten.increment(store.put(bucket(), w));
                written.add(w.key());
            })).toList();
            RuntimeException failure = null;
            for (var put : puts) {
                try {
                    put.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while storing", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private String bucket() {
        return store.properties().buckets().meshes();
    }
}
