package dev.orfeas.generate.generation;

import dev.orfeas.mesh.GenerationOptions;

/**
 * One thing to turn into a mesh.
 *
 * @param image       encoded image bytes
 * @param options     what to make
 * @param sourceName  the image's file name, e.g. {@code cat.png} (names the downloads {@code cat.glb})
 * @param contentType the image's media type as sent (may be null)
 * @param origin      {@code bucket/key} of the image when it came from an event, else null
 */
public record GenerationRequest(byte[] image, GenerationOptions options, String sourceName, String contentType,
                                String origin) {

    /** {@code cat.png} → {@code cat}; names without a usable stem become {@code model}. */
    public String baseName() {
        String name = sourceName == null ? "" : sourceName.replaceAll(".*[/\\\\]", "");
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        stem = stem.strip();
        return stem.isEmpty() ? "model" : stem;
    }
}
