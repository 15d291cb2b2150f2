package dev.orfeas.events.notify;

import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Events Knative gave up on and sent to the deadLetterSink carry {@code knativeerrordest} (the subscriber that
 * failed), {@code knativeerrorcode} (its last HTTP status) and {@code knativeerrordata} (base64 of its answer).
 * They are recorded in the failed bucket at {@code knative/<event id>.json} (same key on redelivery).
 */
public class KnativeDeadLetters {

    public static final String DEST = "knativeerrordest";
    public static final String CODE = "knativeerrorcode";
    public static final String DATA = "knativeerrordata";

    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;

    public KnativeDeadLetters(ObjectStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    public static boolean isDeadLetter(CloudEvent event) {
        return event.getExtension(DEST) != null;
    }

    /** Writes the record; returns its key. */
    public String record(CloudEvent event) {
        ObjectNode record = json.createObjectNode();
        record.put("kind", "knative-dead-letter");
        record.put("eventId", event.getId());
        record.put("eventType", event.getType());
        record.put("source", event.getSource().toString());
        if (event.getSubject() != null) {
            record.put("subject", event.getSubject());
        }
        record.put("errorDest", String.valueOf(event.getExtension(DEST)));
        if (event.getExtension(CODE) != null) {
            record.put("errorCode", String.valueOf(event.getExtension(CODE)));
        }
        if (event.getExtension(DATA) != null) {
            record.put("errorData", decode(String.valueOf(event.getExtension(DATA))));
        }
        if (event.getData() != null) {
            byte[] data = event.getData().toBytes();
            try {
                record.set("data", json.readTree(data));
            } catch (JacksonException e) {
                record.put("dataBase64", Base64.getEncoder().encodeToString(data));
            }
        }
        record.put("recordedAt", Instant.now(clock).toString());
        String key = "knative/" + Notifier.hash(event.getId() + "\n" + event.getSource()) + ".json";
        store.put(store.properties().buckets().failed(),
                ObjectWrite.of(key, json.writeValueAsBytes(record), "application/json"));
        NotifyMetrics.knativeDeadLetter();
        return key;
    }

    /** The subscriber's answer: base64 → UTF-8 text when it is text, else left as sent. */
    private static String decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return base64;
        }
    }
}
