package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.events.web.BearerTokens;
import dev.orfeas.web.ProblemException;
import dev.orfeas.events.web.Problems;
import dev.orfeas.storage.StorageProperties;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /webhooks/minio}: MinIO's bucket-notification webhook. Checks the bearer token, the content type and
 * the size, maps the records ({@link ObjectEventMapper}) and delivers each new event to the sink. Answers 200 with
 * counts once every event is settled: delivered, dead-lettered (the sink will never take it: a permanent 4xx, or
 * refused before sending by {@link Forwarding}; see {@link WebhookDeadLetters}) or not forwarded. 502 + Retry-After
 * (MinIO retries the whole notification) only when a delivery failed retryably, and the retry emits only what was
 * not settled before — so a poison event cannot make MinIO redeliver for ever.
 */
@RestController
class MinioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(MinioWebhookController.class);

    private final AdapterProperties properties;
    private final ObjectEventMapper mapper;
    private final SinkClient sink;
    private final DeliveredIds delivered;
    private final JsonMapper json;
    private final SinkProperties sinkProperties;
    private final Forwarding forwarding;
    private final WebhookDeadLetters deadLetters;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    MinioWebhookController(AdapterProperties properties, ObjectEventMapper mapper, SinkClient sink,
                           DeliveredIds delivered, JsonMapper json, SinkProperties sinkProperties,
                           StorageProperties storage, WebhookDeadLetters deadLetters) {
        this.properties = properties;
        this.sinkProperties = sinkProperties;
        this.forwarding = new Forwarding(storage.buckets().uploads(), sink.targetsGenerate());
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.sink = sink;
        this.delivered = delivered;
        this.json = json;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @PostMapping(path = "/webhooks/minio", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> notification(HttpServletRequest request) throws IOException {
        authenticate(request.getHeader("Authorization"));
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            throw new ProblemException(Problems.UNSUPPORTED_TYPE,
                    "a MinIO notification is application/json, not " + contentType);
        }
        byte[] body = readLimited(request);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(Problems.BAD_NOTIFICATION, "the body is not JSON: " + e.getOriginalMessage());
        }
        ObjectEventMapper.Mapping mapping;
        try {
            mapping = mapper.apply(root);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_NOTIFICATION, e.getMessage());
        }
        List<String> emitted = new ArrayList<>();
        int alreadyDelivered = 0;
        int deadLettered = 0;
        int notForwarded = 0;
        RetryBudget budget = RetryBudget.of(sinkProperties.maxRetryWait());
        for (CloudEvent event : mapping.events()) {
            ReentrantLock lock = stripes[Math.floorMod(event.getId().hashCode(), stripes.length)];
            lock.lock();
            try {
                if (delivered.contains(event.getId())) {
                    alreadyDelivered++;
                    continue;
                }
                Forwarding.Verdict verdict = forwarding.decide(event);
                if (verdict.decision() == Forwarding.Decision.SKIP) {
                    log.debug("event {} ({} {}) not forwarded: {}", event.getId(), event.getType(),
                            event.getSubject(), verdict.reason());
                    AdapterMetrics.notForwarded();
                    notForwarded++;
                } else if (verdict.decision() == Forwarding.Decision.REFUSE) {
                    deadLetter(event, 0, verdict.reason());
                    deadLettered++;
                } else if (send(event, budget, emitted.size())) {
                    emitted.add(event.getId());
                } else {
                    deadLettered++;
                }
                delivered.add(event.getId());
            } finally {
                lock.unlock();
            }
        }
        log.debug("notification: {} record(s), {} emitted to {}", mapping.records(), emitted.size(), sink.target());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", mapping.records());
        answer.put("emitted", emitted.size());
        answer.put("alreadyDelivered", alreadyDelivered);
        answer.put("deadLettered", deadLettered);
        answer.put("notForwarded", notForwarded);
        answer.put("duplicates", mapping.duplicates());
        answer.put("ignored", mapping.ignored());
        answer.put("filtered", mapping.filtered());
        answer.put("ids", emitted);
        return answer;
    }

    /**
     * True when the sink took the event; false when it answered that it never will (recorded as a dead letter).
     * A retryable failure ends the notification with 502 + Retry-After (the sink's, when it sent one).
     */
    private boolean send(CloudEvent event, RetryBudget budget, int emittedSoFar) {
        try {
            sink.deliver(event, budget);
            AdapterMetrics.delivered();
            return true;
        } catch (SinkClient.DeliveryException e) {
            if (e.permanent()) {
                deadLetter(event, e.status(), e.getMessage());
                return false;
            }
            log.warn("event {} ({} {}) not delivered: {}", event.getId(), event.getType(), event.getSubject(),
                    e.getMessage());
            AdapterMetrics.retry();
            throw new ProblemException(Problems.SINK_UNAVAILABLE, e.getMessage() + "; " + emittedSoFar
                    + " event(s) of this notification delivered, redelivery sends the rest",
                    e.retryAfter() != null ? Math.max(1, e.retryAfter()) : 1L);
        }
    }

    private void deadLetter(CloudEvent event, int status, String reason) {
        String key = deadLetters.record(event, sink.target(), status, reason);
        log.warn("event {} ({} {}) dead-lettered at {}: {}", event.getId(), event.getType(), event.getSubject(), key,
                reason);
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void authenticate(String authorization) {
        if (!properties.hasToken()) {
            throw new ProblemException(Problems.UNAUTHORIZED,
                    "no orfeas.events.adapter.auth-token is configured; webhook calls are refused");
        }
        BearerTokens.require(authorization, properties.authToken(), "MinIO's auth_token");
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long max = properties.maxBody().toBytes();
        try {
            return EventRequests.body(request, (int) max);
        } catch (EventRequests.TooLargeException e) {
            throw tooLarge(max);
        }
    }

    private static ProblemException tooLarge(long max) {
        return new ProblemException(Problems.TOO_LARGE, "the notification exceeds " + max + " bytes "
                + "(orfeas.events.adapter.max-body)");
    }
}
