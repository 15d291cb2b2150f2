package dev.orfeas.generate.generation;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * What {@code <id>/meta.json} holds. It is written last: a mesh exists (for listing, lookup and the cache) only
 * once its meta.json does, so a write that fails half-way never shows.
 *
 * @param id        mesh id: content hash of image + options
 * @param createdAt when it was generated
 * @param options   what was asked for
 * @param source    the input image
 * @param files     stored files; the first is the model
 * @param report    the engine's quality report
 */
public record MeshMeta(String id, Instant createdAt, Options options, Source source, List<FileRef> files,
                       JsonNode report) {

    public record Options(String format, String quality, int faces, double detail) {
    }

    /**
     * @param key         the copy stored beside the mesh
     * @param name        original file name (what downloads are named after)
     * @param contentType media type of the image
     * @param bytes       size
     * @param origin      {@code bucket/key} the image came from (events), or null for uploads over HTTP
     */
    public record Source(String key, String name, String contentType, long bytes, String origin) {
    }

    public record FileRef(String name, String key, String mediaType, long bytes) {
    }

    public FileRef primary() {
        return files.getFirst();
    }
}
