package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.BackupFailed;
import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.FullBackupCompleted;
import dev.orfeas.cloudevents.MeshBackedUp;
import dev.orfeas.cloudevents.MeshGenerated;
import dev.orfeas.cloudevents.Sha256;
import dev.orfeas.events.web.IncomingEvents;
import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.web.ProblemException;
import dev.orfeas.events.web.Problems;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    BackupController(MeshBackup backup, FullBackup fullBackup) {
        this.backup = backup;
        this.fullBackup = fullBackup;
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
        Optional<MeshGenerated> data = EventData.read(event, MeshGenerated.class);
        String meshId = data.map(MeshGenerated::id).orElse(event.getSubject());
        String bucket = data.map(MeshGenerated::bucket).orElse(null);
        Set<String> keys = new LinkedHashSet<>();
        data.ifPresent(d -> {
            keys.addAll(d.files());
            if (d.key() != null) {
                keys.add(d.key());
            }
            if (d.metaKey() != null) {
                keys.add(d.metaKey());
            }
        });
        if (bucket == null || keys.isEmpty()) {
            return reply(failed(event, meshId, "the event data names no bucket or no objects"));
        }
        for (String key : keys) {
            try {
                InvalidObjectKeyException.requireSafe(key);
            } catch (InvalidObjectKeyException e) {
                throw new ProblemException(Problems.BAD_EVENT, "object key '" + key + "': " + e.getMessage());
            }
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
        FullBackup.Result r = run.get();
        return reply(event(tick, COMPLETED, r.manifestKey(), new FullBackupCompleted(r.manifestKey(),
                backup.backupBucket(), r.objects(), r.copied(), r.skipped(), r.bytes(), r.bytesCopied(), r.millis(),
                r.prunedManifests())));
    }

    private CloudEvent completed(CloudEvent cause, String meshId, String bucket, List<VerifiedCopier.Copied> copied) {
        List<MeshBackedUp.Copy> objects = copied.stream()
                .map(c -> new MeshBackedUp.Copy(c.key(), c.backupKey(), c.size(), c.checksum(), c.skipped())).toList();
        long skipped = copied.stream().filter(VerifiedCopier.Copied::skipped).count();
        return event(cause, COMPLETED, meshId, new MeshBackedUp(meshId, bucket, backup.backupBucket(), objects,
                copied.size() - skipped, skipped));
    }

    private CloudEvent failed(CloudEvent cause, String meshId, String detail) {
        return event(cause, FAILED, meshId, new BackupFailed(meshId, detail));
    }

    private static CloudEvent event(CloudEvent cause, String type, String subject, Object data) {
        var builder = CloudEventBuilder.v1().withId(replyId(cause.getId(), type)).withType(type).withSource(SOURCE)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withData(EventData.JSON, EventData.write(data));
        if (subject != null) {
            builder.withSubject(subject);
        }
        return builder.build();
    }

    private static ResponseEntity<byte[]> reply(CloudEvent event) {
        return EventRequests.reply(event, false);
    }

    static String replyId(String causeId, String type) {
        return Sha256.hex(type + "\n" + causeId, 16);
    }
}
