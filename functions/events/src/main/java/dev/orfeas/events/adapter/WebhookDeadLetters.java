package dev.orfeas.events.adapter;

import dev.orfeas.events.notify.KnativeDeadLetters;
import dev.orfeas.events.notify.Notifier;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Events the sink will never take (it answered a permanent 4xx, or the adapter refused to send them: another
 * bucket, an unsafe key) are recorded instead of retried: a record in the failed bucket at
 * {@code webhook/<event id>.json} (the same key on redelivery), counted, and notified as a failed delivery through
 * the notify targets, exactly as a Knative dead letter is.
 */
public class WebhookDeadLetters {

    private final ObjectStore store;
    private final Notifier notifier;
    private final JsonMapper json;
    private final Clock clock;

    public WebhookDeadLetters(ObjectStore store, Notifier notifier, JsonMapper json, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param status the sink's answer, 0 when the adapter never sent the event
     * @return the record's key
     */
    public String record(CloudEvent event, URI target, int status, String reason) {
        ObjectNode record = json.createObjectNode();
        record.put("kind", "webhook-dead-letter");
        record.put("eventId", event.getId());
        record.put("eventType", event.getType());
        record.put("source", event.getSource().toString());
        if (event.getSubject() != null) {
            record.put("subject", event.getSubject());
        }
        record.put("target", target.toString());
        if (status > 0) {
            record.put("status", status);
        }
        record.put("reason", reason);
        if (event.getData() != null) {
            byte[] data = event.getData().toBytes();
            try {
                record.set("data", json.readTree(data));
            } catch (JacksonException e) {
                record.put("dataBase64", Base64.getEncoder().encodeToString(data));
            }
        }
        record.put("recordedAt", Instant.now(clock).toString());
        String key = key(event);
        store.put(store.properties().buckets().failed(),
                ObjectWrite.of(key, json.writeValueAsBytes(record), "application/json"));
        AdapterMetrics.deadLettered();
        notifier.notify(asDeadLetter(event, target, status, reason));
        return key;
    }

    static String key(CloudEvent event) {
        // the id is our own hex hash (ObjectEventMapper.id), so it is a safe key as it stands
        return "webhook/" + event.getId() + ".json";
    }

    /** The event as Knative would dead-letter it, so the notification says the same as for a Knative failure. */
    private static CloudEvent asDeadLetter(CloudEvent event, URI target, int status, String reason) {
        var builder = CloudEventBuilder.v1(event).withExtension(KnativeDeadLetters.DEST, target.toString())
                .withExtension(KnativeDeadLetters.DATA,
                        Base64.getEncoder().encodeToString(reason.getBytes(StandardCharsets.UTF_8)));
        if (status > 0) {
            builder.withExtension(KnativeDeadLetters.CODE, Integer.toString(status));
        }
        return builder.build();
    }
}
