package dev.orfeas.generate.api;

import dev.orfeas.generate.generation.GenerationRequest;
import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.storage.ObjectStore;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The JSON answer for one mesh: where it is stored, fresh presigned download URLs, the quality report.
 *
 * @param id           mesh id (content hash of image + options)
 * @param cached       answered from storage without generating
 * @param bucket       bucket holding the files
 * @param key          object key of the model file
 * @param url          presigned GET URL of the model file
 * @param urlExpiresAt when the URLs stop working
 * @param files        every stored file, model first, each with its own URL
 */
public record MeshView(String id, boolean cached, Instant createdAt, String format, String bucket, String key,
                       URI url, Instant urlExpiresAt, List<FileView> files, MeshMeta.Source source,
                       MeshMeta.Options options, JsonNode report) {

    public record FileView(String name, String key, String mediaType, long bytes, URI url) {
    }

    public static MeshView of(MeshMeta meta, boolean cached, ObjectStore store) {
        return of(meta, cached, store, null);
    }

    /**
     * @param sourceName this request's file name ({@code dog.png}): the model downloads as {@code dog.glb} even when
     *                   the mesh was first stored under another name; null keeps the stored name. Companion files
     *                   (an OBJ's .mtl and texture) keep theirs: the model file refers to them by name.
     */
    public static MeshView of(MeshMeta meta, boolean cached, ObjectStore store, String sourceName) {
        String bucket = store.properties().buckets().meshes();
        String modelName = sourceName == null ? null
                : GenerationRequest.baseName(sourceName) + "." + meta.options().format();
        var primary = store.presignGet(bucket, meta.primary().key(), modelName);
        List<FileView> files = meta.files().stream().map(f -> new FileView(f.name(), f.key(), f.mediaType(),
                f.bytes(), f.key().equals(meta.primary().key()) ? primary.url()
                        : store.presignGet(bucket, f.key()).url())).toList();
        return new MeshView(meta.id(), cached, meta.createdAt(), meta.options().format(), bucket,
                meta.primary().key(), primary.url(), primary.expiresAt(), files, meta.source(), meta.options(),
                meta.report());
    }
}
