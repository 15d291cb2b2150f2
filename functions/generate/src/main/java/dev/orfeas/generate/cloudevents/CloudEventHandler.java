package dev.orfeas.generate.cloudevents;

import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.MeshFailed;
import dev.orfeas.cloudevents.MeshGenerated;
import dev.orfeas.cloudevents.ObjectEvent;
import dev.orfeas.cloudevents.ObjectRef;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.GenerationRequest;
import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.jobs.JobEvents;
import dev.orfeas.generate.maintenance.StoreSweep;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.web.ProblemException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * "Object created in the uploads bucket" (binary or structured CloudEvent, body at most 1 MiB: larger is 413) →
 * read the image, generate, store → reply 200 with a new {@code mesh.generated} event (own id, type and source;
 * subject = mesh id). A bad image replies {@code mesh.failed} (redelivery would not help); an unreachable store, a
 * busy or not-ready instance answer 503/429 so the broker retries. The reply carries only the reply event's own
 * headers, never the request's ce-* (Knative would loop). The optional extension {@code foreground} (auto, alpha,
 * backdrop, model, none) picks how the object is cut out; default auto. A {@code job.requested} event runs that
 * job inside this request ({@link JobEvents}) and answers 200 with no reply event. A PingSource tick (Knative's
 * hourly-sweep) runs the store and job sweeps inside this request — on Knative the only place work may happen —
 * and answers 200 with no reply event.
 */
public class CloudEventHandler {

    /** CloudEvent extension choosing the foreground method for this image. */
    public static final String FOREGROUND_EXTENSION = "foreground";

    private static final Logger log = LoggerFactory.getLogger(CloudEventHandler.class);
    static final URI SOURCE = URI.create("/orfeas/generate");
    /** Ticks come hourly; closer ones (redeliveries, a flood) do not list the bucket again. */
    static final Duration SWEEP_GAP = Duration.ofMinutes(10);

    private final GenerateFunction generate;
    private final ConcurrencyLimiter limiter;
    private final ObjectStore store;

    private final JobEvents jobs;
    private final StoreSweep sweep;

    public CloudEventHandler(GenerateFunction generate, ConcurrencyLimiter limiter, ObjectStore store) {
        this(generate, limiter, store, null, null);
    }

    /**
     * @param jobs  runs {@code job.requested} deliveries (null: they are refused as not handled here)
     * @param sweep what a PingSource tick runs (null: ticks are refused as not handled here)
     */
    public CloudEventHandler(GenerateFunction generate, ConcurrencyLimiter limiter, ObjectStore store,
                             JobEvents jobs, StoreSweep sweep) {
        this.generate = generate;
        this.limiter = limiter;
        this.store = store;
        this.jobs = jobs;
        this.sweep = sweep;
    }

    public ResponseEntity<byte[]> handle(HttpServletRequest request) throws IOException {
        Map<String, String> headers = EventRequests.headers(request);
        CloudEvent event;
        try {
            event = EventRequests.read(request, headers, EventRequests.MAX_BYTES);
        } catch (EventRequests.TooLargeException e) {
            throw new ProblemException(Problems.BODY_TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_EVENT, e.getMessage());
        }
        MDC.put("eventId", event.getId());
        try {
            if (jobs != null && EventTypes.JOB_REQUESTED.equals(event.getType())) {
                jobs.run(event);
                return ResponseEntity.ok().build(); // no reply event; the outcome is in the job's document
            }
            if (sweep != null && EventTypes.KNATIVE_PING.equals(event.getType())) {
                // store down → 503: the broker redelivers the tick; a tick soon after the last sweep sweeps nothing
                var swept = sweep.sweepUnlessRecent(SWEEP_GAP);
                if (jobs != null) {
                    jobs.sweep();
                }
                log.info("event {}: scheduled sweep: {}", event.getId(),
                        swept.map(Object::toString).orElse("skipped, the last one began under " + SWEEP_GAP + " ago"));
                return ResponseEntity.ok().build();
            }
            return EventRequests.reply(handle(event), !EventRequests.isBinary(headers));
        } finally {
            MDC.remove("eventId");
        }
    }

    CloudEvent handle(CloudEvent event) {
        if (!EventTypes.OBJECT_CREATED.equals(event.getType())) {
            throw new ProblemException(Problems.BAD_EVENT, "event type '" + event.getType()
                    + "' is not handled here (want " + EventTypes.OBJECT_CREATED + ")");
        }
        ObjectRef ref;
        try {
            ref = ObjectEvent.parse(event.getData() == null ? null : event.getData().toBytes()).ref();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_EVENT, e.getMessage());
        }
        String uploads = store.properties().buckets().uploads();
        if (!uploads.equals(ref.bucket())) {
            throw new ProblemException(Problems.BAD_EVENT, "only objects in the '" + uploads
                    + "' bucket are turned into meshes, not '" + ref.bucket() + "'");
        }
        try {
            InvalidObjectKeyException.requireSafe(ref.key());
        } catch (InvalidObjectKeyException e) {
            throw new ProblemException(Problems.BAD_EVENT, "object key '" + ref.key() + "': " + e.getMessage());
        }
        GenerationOptions options = options(event);
        try (ConcurrencyLimiter.Permit ignored = limiter.acquire()) {
            var image = store.get(ref.bucket(), ref.key());
            if (image.isEmpty()) {
                return failed(event, ref, Problems.NOT_FOUND, "object " + ref + " does not exist");
            }
            MeshService.Outcome outcome = generate.apply(new GenerationRequest(image.get().bytes(), options,
                    ref.key(), image.get().contentType(), ref.toString()));
            log.info("event {} for {} → mesh {} ({})", event.getId(), ref, outcome.meta().id(),
                    outcome.cached() ? "stored already" : "generated");
            return generated(event, ref, outcome);
        } catch (ImageRejectedException e) {
            log.info("event {} for {}: image rejected: {}", event.getId(), ref, e.getMessage());
            return failed(event, ref, Problems.forRejection(e), e.getMessage());
        }
        // StorageUnavailableException, SaturatedException, EngineNotReadyException → 503/429: the broker redelivers
    }

    private static GenerationOptions options(CloudEvent event) {
        Object foreground = event.getExtension(FOREGROUND_EXTENSION);
        return GenerationOptions.defaults()
                .withForeground(ForegroundChoice.parse(foreground == null ? null : foreground.toString()));
    }

    private CloudEvent generated(CloudEvent cause, ObjectRef ref, MeshService.Outcome outcome) {
        MeshMeta meta = outcome.meta();
        var data = new MeshGenerated(meta.id(), store.properties().buckets().meshes(), meta.primary().key(),
                MeshLayout.meta(meta.id()), meta.options().format(),
                meta.files().stream().map(MeshMeta.FileRef::key).toList(), ref, outcome.cached());
        return base(cause).withType(EventTypes.MESH_GENERATED).withSubject(meta.id())
                .withData(EventData.JSON, EventData.write(data)).build();
    }

    /** {@code reason} is the slug of the problem {@code POST /generate} would answer (docs/http-api.md lists them). */
    private static CloudEvent failed(CloudEvent cause, ObjectRef ref, Problems reason, String detail) {
        return base(cause).withType(EventTypes.MESH_FAILED).withSubject(ref.key())
                .withData(EventData.JSON, EventData.write(new MeshFailed(ref, reason.slug(), detail))).build();
    }

    private static CloudEventBuilder base(CloudEvent cause) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(SOURCE)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withExtension("causationid", cause.getId());
    }
}
