package dev.orfeas.generate.http;

import dev.orfeas.events.CloudEventCodec;
import dev.orfeas.events.EventTypes;
import dev.orfeas.events.ObjectRef;
import dev.orfeas.generate.engine.EngineNotReadyException;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.generation.SaturatedException;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.StorageUnavailableException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * "Object created in the uploads bucket" (binary or structured CloudEvent) → read the image, generate, store →
 * reply 200 with a new {@code mesh.generated} event (own id, type and source; subject = mesh id). A bad image
 * replies {@code mesh.failed} (redelivery would not help); an unreachable store, a busy or not-ready instance
 * answer 503/429 so the broker retries. The reply carries only the reply event's own headers, never the
 * request's ce-* (Knative would loop).
 */
public class CloudEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CloudEventHandler.class);
    static final URI SOURCE = URI.create("/orfeas/generate");

    private final GenerateInvoker invoker;
    private final ConcurrencyLimiter limiter;
    private final ObjectStore store;
    private final JsonMapper json;

    public CloudEventHandler(GenerateInvoker invoker, ConcurrencyLimiter limiter, ObjectStore store, JsonMapper json) {
        this.invoker = invoker;
        this.limiter = limiter;
        this.store = store;
        this.json = json;
    }

    static boolean isCloudEvent(HttpServletRequest request) {
        String contentType = request.getContentType();
        return request.getHeader("ce-specversion") != null
                || (contentType != null && contentType.startsWith("application/cloudevents"));
    }

    ResponseEntity<byte[]> handle(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        boolean structured = !headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("ce-specversion"));
        CloudEvent event;
        try {
            event = CloudEventCodec.read(headers, request.getInputStream().readAllBytes());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Problems.BAD_EVENT, e.getMessage());
        }
        MDC.put("eventId", event.getId());
        try {
            return handle(event, structured);
        } finally {
            MDC.remove("eventId");
        }
    }

    private ResponseEntity<byte[]> handle(CloudEvent event, boolean structured) {
        if (!EventTypes.OBJECT_CREATED.equals(event.getType())) {
            throw new BadRequestException(Problems.BAD_EVENT, "event type '" + event.getType()
                    + "' is not handled here (want " + EventTypes.OBJECT_CREATED + ")");
        }
        ObjectRef ref;
        try {
            ref = ObjectRef.parse(event.getData() == null ? null : event.getData().toBytes());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Problems.BAD_EVENT, e.getMessage());
        }
        String uploads = store.properties().buckets().uploads();
        if (!uploads.equals(ref.bucket())) {
            throw new BadRequestException(Problems.BAD_EVENT, "only objects in the '" + uploads
                    + "' bucket are turned into meshes, not '" + ref.bucket() + "'");
        }
        String origin = ref.bucket() + "/" + ref.key();
        try (ConcurrencyLimiter.Permit ignored = limiter.acquire()) {
            var image = store.get(ref.bucket(), ref.key());
            if (image.isEmpty()) {
                return reply(failed(event, ref, "not-found", "object " + origin + " does not exist"), structured);
            }
            MeshService.Outcome outcome = invoker.invoke(MessageBuilder.withPayload(image.get().bytes())
                    .setHeader(GenerateFunction.OPTIONS, GenerationOptions.defaults())
                    .setHeader(GenerateFunction.SOURCE_NAME, ref.key())
                    .setHeader(GenerateFunction.ORIGIN, origin)
                    .setHeader(MessageHeaders.CONTENT_TYPE, image.get().contentType())
                    .build());
            log.info("event {} for {} → mesh {} ({})", event.getId(), origin, outcome.meta().id(),
                    outcome.cached() ? "stored already" : "generated");
            return reply(generated(event, ref, outcome), structured);
        } catch (ImageRejectedException e) {
            log.info("event {} for {}: image rejected: {}", event.getId(), origin, e.getMessage());
            return reply(failed(event, ref, e.getClass().getSimpleName(), e.getMessage()), structured);
        } catch (StorageUnavailableException | SaturatedException | EngineNotReadyException e) {
            throw e; // 503/429: the broker redelivers
        }
    }

    private CloudEvent generated(CloudEvent cause, ObjectRef ref, MeshService.Outcome outcome) {
        var meta = outcome.meta();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", meta.id());
        data.put("bucket", store.properties().buckets().meshes());
        data.put("key", meta.primary().key());
        data.put("metaKey", meta.id() + "/meta.json");
        data.put("format", meta.options().format());
        data.put("files", meta.files().stream().map(f -> f.key()).toList());
        data.put("source", Map.of("bucket", ref.bucket(), "key", ref.key()));
        data.put("cached", outcome.cached());
        return base(cause).withType(EventTypes.MESH_GENERATED).withSubject(meta.id())
                .withData("application/json", json.writeValueAsBytes(data)).build();
    }

    private CloudEvent failed(CloudEvent cause, ObjectRef ref, String reason, String detail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", Map.of("bucket", ref.bucket(), "key", ref.key()));
        data.put("reason", reason);
        data.put("detail", detail);
        return base(cause).withType(EventTypes.MESH_FAILED).withSubject(ref.key())
                .withData("application/json", json.writeValueAsBytes(data)).build();
    }

    private static CloudEventBuilder base(CloudEvent cause) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(SOURCE)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withExtension("causationid", cause.getId());
    }

    private static ResponseEntity<byte[]> reply(CloudEvent event, boolean structured) {
        var encoded = CloudEventCodec.write(event, structured);
        HttpHeaders headers = new HttpHeaders();
        encoded.headers().forEach(headers::set);
        return ResponseEntity.ok().headers(headers).body(encoded.body());
    }
}
