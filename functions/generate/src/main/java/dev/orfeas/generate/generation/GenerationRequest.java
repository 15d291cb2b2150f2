package dev.orfeas.generate.generation;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.IdentifiedImage;
import dev.orfeas.mesh.ProgressListener;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One thing to turn into a mesh: the input of the "generate" function.
 *
 * @param image       encoded image bytes
 * @param options     what to make (defaults when null)
 * @param sourceName  the image's file name, e.g. {@code cat.png} (names the downloads {@code cat.glb})
 * @param contentType the image's media type as sent (may be null)
 * @param origin      {@code bucket/key} of the image when it came from an event, else null
 * @param progress    told after each stage ({@link ProgressListener#NONE} when null)
 * @param identified  the image and options as identified already (a job hashed them to look the mesh up before
 *                    queueing it), or null: then the image is hashed when it is generated
 * @param lookup      the cache lookup of the identified image, started already (the job's submission needs its
 *                    answer too: one store round trip serves both), or null: then it is looked up here
 */
public record GenerationRequest(byte[] image, GenerationOptions options, String sourceName, String contentType,
                                String origin, ProgressListener progress, IdentifiedImage identified,
                                CompletableFuture<Optional<MeshMeta>> lookup) {

    public GenerationRequest {
        options = options == null ? GenerationOptions.defaults() : options;
        progress = progress == null ? ProgressListener.NONE : progress;
        if (identified != null && (identified.image() != image || !identified.options().equals(options))) {
            throw new IllegalArgumentException("identified must be this request's own image and options");
        }
        if (lookup != null && identified == null) {
            throw new IllegalArgumentException("a lookup started already belongs to an identified image");
        }
    }

    public GenerationRequest(byte[] image, GenerationOptions options, String sourceName, String contentType,
                             String origin, ProgressListener progress) {
        this(image, options, sourceName, contentType, origin, progress, null, null);
    }

    /** An image identified already: its bytes and options are the identified ones. */
    public static GenerationRequest of(IdentifiedImage identified, String sourceName, String contentType,
                                       ProgressListener progress) {
        return new GenerationRequest(identified.image(), identified.options(), sourceName, contentType, null,
                progress, identified, null);
    }

    /** The same request, with the cache lookup of its identified image already under way. */
    public GenerationRequest withLookup(CompletableFuture<Optional<MeshMeta>> started) {
        return new GenerationRequest(image, options, sourceName, contentType, origin, progress, identified, started);
    }

    public GenerationRequest(byte[] image, GenerationOptions options, String sourceName, String contentType,
                             String origin) {
        this(image, options, sourceName, contentType, origin, ProgressListener.NONE);
    }

    public GenerationRequest withProgress(ProgressListener listener) {
        return new GenerationRequest(image, options, sourceName, contentType, origin, listener, identified, lookup);
    }

    /** {@code cat.png} → {@code cat}. */
    public String baseName() {
        return baseName(sourceName);
    }

    /** {@code cat.png} → {@code cat}; names without a usable stem become {@code model}. */
    public static String baseName(String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "");
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        stem = stem.strip();
        return stem.isEmpty() ? "model" : stem;
    }
}
