package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.events.web.BearerTokens;
import dev.orfeas.web.ProblemException;
import dev.orfeas.events.web.Problems;
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
 * counts once every event is delivered; 502 (MinIO retries the whole notification) when one was not, and the
 * retry emits only what was not delivered before.
 */
@RestController
class MinioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(MinioWebhookController.class);

    private final AdapterProperties properties;
    private final ObjectEventMapper mapper;
    private final SinkClient sink;
    private final DeliveredIds delivered;
    private final JsonMapper json;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    MinioWebhookController(AdapterProperties properties, ObjectEventMapper mapper, SinkClient sink,
                           DeliveredIds delivered, JsonMapper json) {
        this.properties = properties;
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
        for (CloudEvent event : mapping.events()) {
            ReentrantLock lock = stripes[Math.floorMod(event.getId().hashCode(), stripes.length)];
            lock.lock();
            try {
                if (delivered.contains(event.getId())) {
                    alreadyDelivered++;
                    continue;
                }
                try {
                    sink.deliver(event);
                } catch (SinkClient.DeliveryException e) {
                    log.warn("event {} ({} {}) not delivered: {}", event.getId(), event.getType(), event.getSubject(),
                            e.getMessage());
                    throw new ProblemException(Problems.SINK_UNAVAILABLE, e.getMessage() + "; " + emitted.size()
                            + " event(s) of this notification delivered, redelivery sends the rest", 1L);
                }
                delivered.add(event.getId());
                emitted.add(event.getId());
            } finally {
                lock.unlock();
            }
        }
        log.debug("notification: {} record(s), {} emitted to {}", mapping.records(), emitted.size(), sink.target());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", mapping.records());
        answer.put("emitted", emitted.size());
        answer.put("alreadyDelivered", alreadyDelivered);
        answer.put("duplicates", mapping.duplicates());
        answer.put("ignored", mapping.ignored());
        answer.put("filtered", mapping.filtered());
        answer.put("ids", emitted);
        return answer;
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
