package dev.orfeas.generate.generation;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.ProgressListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.util.function.Function;

/**
 * The generation function: a message whose payload is the image bytes and whose headers carry the options →
 * a message carrying the stored mesh. Served over HTTP and CloudEvents by thin adapters that hand it a
 * {@code Message<byte[]>} (the stock web endpoint would read the body as text).
 */
public class GenerateFunction implements Function<Message<byte[]>, Message<MeshService.Outcome>> {

    /** {@link GenerationOptions}; defaults when absent. */
    public static final String OPTIONS = "orfeas_options";
    /** {@link ProgressListener} told after each stage; none when absent. */
    public static final String PROGRESS = "orfeas_progress";
    /** The image's file name. */
    public static final String SOURCE_NAME = "orfeas_source_name";
    /** {@code bucket/key} the image came from (events). */
    public static final String ORIGIN = "orfeas_origin";
    /** Output: "hit" or "miss". */
    public static final String CACHE = "orfeas_cache";

    private final MeshService meshes;

    public GenerateFunction(MeshService meshes) {
        this.meshes = meshes;
    }

    @Override
    public Message<MeshService.Outcome> apply(Message<byte[]> message) {
        MessageHeaders h = message.getHeaders();
        GenerationOptions options = h.get(OPTIONS, GenerationOptions.class);
        ProgressListener progress = h.get(PROGRESS, ProgressListener.class);
        Object contentType = h.get(MessageHeaders.CONTENT_TYPE);
        var request = new GenerationRequest(message.getPayload(),
                options == null ? GenerationOptions.defaults() : options,
                h.get(SOURCE_NAME, String.class), contentType == null ? null : contentType.toString(),
                h.get(ORIGIN, String.class));
        MeshService.Outcome outcome = meshes.generate(request, progress == null ? ProgressListener.NONE : progress);
        return MessageBuilder.withPayload(outcome).setHeader(CACHE, outcome.cached() ? "hit" : "miss").build();
    }
}
