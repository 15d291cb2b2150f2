package dev.orfeas.events.notify;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.events.web.IncomingEvents;
import dev.orfeas.web.ProblemException;
import dev.orfeas.events.web.Problems;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;

/**
 * Knative delivers Trigger events to the service root: {@code POST /} (binary or structured CloudEvent).
 * {@code mesh.generated}, {@code mesh.failed}, {@code backup.*} → notify; an event Knative dead-lettered (any type,
 * {@code knativeerror*} extensions; point the Triggers' deadLetterSink here) → recorded and notified; other types
 * are accepted and ignored.
 * Answers 204 with no reply event (and never echoes the request's ce-* headers); 503 when a dead letter could not
 * be stored, so the broker redelivers.
 */
@RestController
class CloudEventController {

    private static final Logger log = LoggerFactory.getLogger(CloudEventController.class);

    private final Notifier notifier;
    private final KnativeDeadLetters deadLetters;

    CloudEventController(Notifier notifier, KnativeDeadLetters deadLetters) {
        this.notifier = notifier;
        this.deadLetters = deadLetters;
    }

    @PostMapping("/")
    ResponseEntity<Void> event(HttpServletRequest request) throws IOException {
        Map<String, String> headers = IncomingEvents.headers(request);
        if (!CloudEventCodec.isCloudEvent(headers)) {
            throw new ProblemException(Problems.BAD_EVENT,
                    "POST / takes CloudEvents (ce-* headers or application/cloudevents+json)");
        }
        CloudEvent event = IncomingEvents.read(request, headers);
        MDC.put("eventId", event.getId());
        try {
            if (KnativeDeadLetters.isDeadLetter(event)) {
                String key = deadLetters.record(event);
                var outcome = notifier.notify(event);
                log.warn("dead-lettered event {} ({}) recorded at {}; {} notification(s) delivered", event.getId(),
                        event.getType(), key, outcome.delivered());
            } else if (Notification.handles(event.getType())) {
                var outcome = notifier.notify(event);
                log.info("event {} ({}): {} notification(s) delivered, {} dead-lettered, {} already sent",
                        event.getId(), event.getType(), outcome.delivered(), outcome.deadLettered(), outcome.skipped());
            } else {
                log.debug("event {} of type {} ignored", event.getId(), event.getType());
            }
            return ResponseEntity.noContent().build();
        } finally {
            MDC.remove("eventId");
        }
    }
}
