package dev.orfeas.events.notify;

import dev.orfeas.cloudevents.DeliveredIds;
import dev.orfeas.cloudevents.Sha256;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends one event's notification to every configured target: allowed targets only ({@link TargetPolicy}), signed
 * ({@link Signer}), retried with exponential backoff on network errors, 408, 429 and 5xx; a target that stays
 * unreachable, answers another 4xx, or is refused gets a dead-letter record in the failed bucket
 * ({@code notify/<event id>/<target hash>.json}, the same key on redelivery). Delivered (event, target) pairs are
 * remembered so a redelivered event does not notify twice.
 */
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifyProperties properties;
    private final TargetPolicy policy;
    private final Notification notification;
    private final HttpClient http;
    private final ObjectStore store;
    private final JsonMapper json;
    private final DeliveredIds notified;
    private final Clock clock;

    public Notifier(NotifyProperties properties, TargetPolicy policy, Notification notification, HttpClient http,
                    ObjectStore store, JsonMapper json, DeliveredIds notified, Clock clock) {
        this.properties = properties;
        this.policy = policy;
        this.notification = notification;
        this.http = http;
        this.store = store;
        this.json = json;
        this.notified = notified;
        this.clock = clock;
    }

    /** Counts of one event's fan-out. */
    public record Outcome(int delivered, int deadLettered, int skipped) {
    }

    public Outcome notify(CloudEvent event) {
        byte[] body = notification.body(event);
        int delivered = 0;
        int deadLettered = 0;
        int skipped = 0;
        for (URI target : properties.targets()) {
            String key = (KnativeDeadLetters.isDeadLetter(event) ? "dead-letter " : "") + event.getId() + " " + target;
            if (notified.contains(key)) {
                skipped++;
                continue;
            }
            Optional<String> refusal = policy.refusal(target);
            String failure = refusal.map(r -> "refused: " + r).orElseGet(() -> send(target, event, body));
            if (failure == null) {
                delivered++;
            } else {
                log.warn("notification for event {} to {} dead-lettered: {}", event.getId(), redacted(target), failure);
                deadLetter(event, target, body, failure);
                deadLettered++;
            }
            notified.add(key);
        }
        NotifyMetrics.count(delivered, deadLettered, skipped);
        return new Outcome(delivered, deadLettered, skipped);
    }

    /** Null when delivered, else the last failure. */
    private String send(URI target, CloudEvent event, byte[] body) {
        String failure = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleep(properties.backoff(attempt - 1).toMillis());
            }
            long timestamp = Instant.now(clock).getEpochSecond();
            var request = HttpRequest.newBuilder(target).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "orfeas-events")
                    .header("X-Orfeas-Event-Id", event.getId())
                    .header(Signer.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (properties.signs()) {
                request.header(Signer.SIGNATURE_HEADER, new Signer(properties.secret()).header(timestamp, body));
            }
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status <= 299) {
                    return null;
                }
                failure = "answered " + status + " (attempt " + attempt + ")";
                if (status < 500 && status != 408 && status != 429) {
                    return failure;
                }
            } catch (IOException e) {
                failure = "unreachable: " + e + " (attempt " + attempt + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted (attempt " + attempt + ")";
            }
            log.debug("notification {} to {} failed: {}", event.getId(), redacted(target), failure);
        }
        return failure;
    }

    private void deadLetter(CloudEvent event, URI target, byte[] body, String failure) {
        ObjectNode record = json.createObjectNode();
        record.put("kind", "notification");
        record.put("eventId", event.getId());
        record.put("eventType", event.getType());
        if (event.getSubject() != null) {
            record.put("subject", event.getSubject());
        }
        record.put("target", redacted(target));
        record.put("targetHash", hash(target.toString()));
        record.put("failure", failure);
        record.put("recordedAt", Instant.now(clock).toString());
        record.set("notification", json.readTree(body));
        String key = "notify/" + (KnativeDeadLetters.isDeadLetter(event) ? "dead-letter-" : "") + event.getId() + "/"
                + hash(target.toString()) + ".json";
        store.put(store.properties().buckets().failed(),
                ObjectWrite.of(key, json.writeValueAsBytes(record), "application/json"));
    }

    /** Scheme, host and port only: webhook paths (Slack's) are secrets. */
    static String redacted(URI target) {
        return target.getScheme() + "://" + target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "")
                + (target.getPath() == null || target.getPath().length() <= 1 ? "" : "/…");
    }

    static String hash(String s) {
        return Sha256.hex(s, 8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
