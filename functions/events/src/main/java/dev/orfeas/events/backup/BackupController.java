package dev.orfeas.events.backup;

import dev.orfeas.events.CloudEventCodec;
import dev.orfeas.events.EventTypes;
import dev.orfeas.events.web.IncomingEvents;
import dev.orfeas.events.web.ProblemException;
import dev.orfeas.events.web.Problems;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /backup}, two event types:
 * <ul>
 * <li>{@code mesh.generated} (Trigger subscriber path {@code /backup}) → copy the mesh's objects ({@code files} and
 * {@code metaKey} of the event data) to the backup target, verified → reply 200 with a {@code backup.completed}
 * event, or {@code backup.failed} when it can never succeed (source gone, data names no object);</li>
 * <li>{@code dev.knative.sources.ping} (a PingSource schedule) → {@link FullBackup} of the meshes bucket with a
 * manifest → {@code backup.completed} naming the manifest; 200 without a reply while a run is in progress.</li>
 * </ul>
 * An unreachable store answers 503 so the broker retries. The reply id is derived from the request's id
 * (redelivery replies the same id) and no request ce-* header is echoed.
 */
@RestController
class BackupController {

    static final String COMPLETED = EventTypes.BACKUP_COMPLETED;
    static final String FAILED = EventTypes.BACKUP_FAILED;
    static final URI SOURCE = URI.create("/orfeas/events/backup");

    private static final Logger log = LoggerFactory.getLogger(BackupController.class);

    private final MeshBackup backup;
    private final FullBackup fullBackup;
    private final JsonMapper json;

    BackupController(MeshBackup backup, FullBackup fullBackup, JsonMapper json) {
        this.backup = backup;
        this.fullBackup = fullBackup;
        this.json = json;
    }

    @PostMapping("/backup")
    ResponseEntity<byte[]> backup(HttpServletRequest request) throws IOException {
        Map<String, String> headers = IncomingEvents.headers(request);
        CloudEvent event = IncomingEvents.read(request, headers);
        if (EventTypes.KNATIVE_PING.equals(event.getType())) {
            return scheduled(event);
        }
        if (!EventTypes.MESH_GENERATED.equals(event.getType())) {
            throw new ProblemException(Problems.BAD_EVENT, "POST /backup takes " + EventTypes.MESH_GENERATED
                    + " and " + EventTypes.KNATIVE_PING + " events, not " + event.getType());
        }
        JsonNode data = data(event);
        String meshId = data.path("id").isString() ? data.get("id").asString() : event.getSubject();
        String bucket = data.path("bucket").isString() ? data.get("bucket").asString() : null;
        Set<String> keys = new LinkedHashSet<>();
        data.path("files").forEach(f -> {
            if (f.isString()) {
                keys.add(f.asString());
            }
        });
        for (String field : List.of("key", "metaKey")) {
            if (data.path(field).isString()) {
                keys.add(data.get(field).asString());
            }
        }
        if (bucket == null || keys.isEmpty()) {
            return reply(failed(event, meshId, "the event data names no bucket or no objects"));
        }
        try {
            var copied = backup.backup(bucket, List.copyOf(keys));
            log.info("mesh {} backed up: {} object(s) copied, {} already current", meshId,
                    copied.stream().filter(c -> !c.skipped()).count(),
                    copied.stream().filter(VerifiedCopier.Copied::skipped).count());
            return reply(completed(event, meshId, bucket, copied));
        } catch (VerifiedCopier.MissingSourceException | VerifiedCopier.VerificationException e) {
            log.warn("backup of mesh {} failed: {}", meshId, e.getMessage());
            return reply(failed(event, meshId, e.getMessage()));
        }
    }

    private ResponseEntity<byte[]> scheduled(CloudEvent tick) {
        Optional<FullBackup.Result> run;
        try {
            run = fullBackup.runIfIdle();
        } catch (VerifiedCopier.VerificationException e) {
            log.warn("scheduled backup {} failed: {}", tick.getId(), e.getMessage());
            return reply(failed(tick, null, e.getMessage()));
        }
        if (run.isEmpty()) {
            log.info("scheduled backup {} skipped: a backup is already running", tick.getId());
            return ResponseEntity.ok().build();
        }
        FullBackup.Result result = run.get();
        ObjectNode data = json.createObjectNode();
        data.put("manifest", result.manifestKey());
        data.put("backupBucket", backup.backupBucket());
        data.put("objects", result.objects());
        data.put("copied", result.copied());
        data.put("skipped", result.skipped());
        data.put("bytes", result.bytes());
        data.put("bytesCopied", result.bytesCopied());
        data.put("millis", result.millis());
        ArrayNode pruned = data.putArray("prunedManifests");
        result.prunedManifests().forEach(pruned::add);
        return reply(event(tick, COMPLETED, result.manifestKey(), data));
    }

    private CloudEvent completed(CloudEvent cause, String meshId, String bucket, List<VerifiedCopier.Copied> copied) {
        ObjectNode data = json.createObjectNode();
        data.put("meshId", meshId);
        data.put("bucket", bucket);
        data.put("backupBucket", backup.backupBucket());
        ArrayNode objects = data.putArray("objects");
        for (VerifiedCopier.Copied c : copied) {
            objects.addObject().put("key", c.key()).put("backupKey", c.backupKey()).put("size", c.size())
                    .put("checksum", c.checksum()).put("skipped", c.skipped());
        }
        data.put("copied", copied.stream().filter(c -> !c.skipped()).count());
        data.put("skipped", copied.stream().filter(VerifiedCopier.Copied::skipped).count());
        return event(cause, COMPLETED, meshId, data);
    }

    private CloudEvent failed(CloudEvent cause, String meshId, String detail) {
        ObjectNode data = json.createObjectNode();
        if (meshId != null) {
            data.put("meshId", meshId);
        }
        data.put("detail", detail);
        return event(cause, FAILED, meshId, data);
    }

    private CloudEvent event(CloudEvent cause, String type, String subject, ObjectNode data) {
        var builder = CloudEventBuilder.v1().withId(replyId(cause.getId(), type)).withType(type).withSource(SOURCE)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData("application/json", json.writeValueAsBytes(data));
        if (subject != null) {
            builder.withSubject(subject);
        }
        return builder.build();
    }

    private static ResponseEntity<byte[]> reply(CloudEvent event) {
        var encoded = CloudEventCodec.write(event, false);
        HttpHeaders headers = new HttpHeaders();
        encoded.headers().forEach(headers::set);
        return ResponseEntity.ok().headers(headers).body(encoded.body());
    }

    private JsonNode data(CloudEvent event) {
        if (event.getData() == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(event.getData().toBytes());
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    static String replyId(String causeId, String type) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((type + "\n" + causeId).getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
