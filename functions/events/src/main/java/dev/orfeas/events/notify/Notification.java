package dev.orfeas.events.notify;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.storage.ObjectStore;
import io.cloudevents.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a notification: a Slack-compatible {@code text} line, then structured fields ({@code status},
 * {@code event}: id/type/source/subject/time, {@code data}: the event's JSON data, {@code downloadUrl}: a presigned
 * link when the event names a stored object by {@code bucket} + {@code key}).
 */
public class Notification {

    public static final String BACKUP_PREFIX = "dev.orfeas.backup.";

    private final JsonMapper json;
    private final ObjectStore store;

    public Notification(JsonMapper json, ObjectStore store) {
        this.json = json;
        this.store = store;
    }

    public static boolean handles(String type) {
        return EventTypes.MESH_GENERATED.equals(type) || EventTypes.MESH_FAILED.equals(type)
                || type.startsWith(BACKUP_PREFIX);
    }

    public byte[] body(CloudEvent event) {
        JsonNode data = data(event);
        String link = null;
        if (data.path("bucket").isString() && data.path("key").isString()) {
            try {
                link = store.presignGet(data.get("bucket").asString(), data.get("key").asString()).url().toString();
            } catch (InvalidObjectKeyException e) {
                link = null; // a dead letter for a '..' or NUL key: say what failed, link nothing
            }
        }
        ObjectNode body = json.createObjectNode();
        body.put("text", text(event, data, link));
        body.put("status", KnativeDeadLetters.isDeadLetter(event) ? "delivery.failed"
                : event.getType().replaceFirst("^dev\\.orfeas\\.", ""));
        ObjectNode meta = body.putObject("event");
        meta.put("id", event.getId());
        meta.put("type", event.getType());
        meta.put("source", event.getSource().toString());
        if (event.getSubject() != null) {
            meta.put("subject", event.getSubject());
        }
        if (event.getTime() != null) {
            meta.put("time", event.getTime().toString());
        }
        body.set("data", data);
        if (link != null) {
            body.put("downloadUrl", link);
        }
        return json.writeValueAsBytes(body);
    }

    private static String text(CloudEvent event, JsonNode data, String link) {
        String subject = event.getSubject() == null ? "" : event.getSubject();
        String source = data.path("source").path("key").isString() ? data.path("source").path("key").asString() : null;
        if (KnativeDeadLetters.isDeadLetter(event)) {
            return "Event delivery FAILED: " + event.getType() + (subject.isEmpty() ? "" : " (" + subject + ")")
                    + " could not be delivered to " + event.getExtension(KnativeDeadLetters.DEST)
                    + (event.getExtension(KnativeDeadLetters.CODE) != null
                    ? " (HTTP " + event.getExtension(KnativeDeadLetters.CODE) + ")" : "");
        }
        return switch (event.getType()) {
            case EventTypes.MESH_GENERATED -> "3D mesh " + subject + " is ready"
                    + (source != null ? " (from " + source + ")" : "") + (link != null ? ": " + link : "");
            case EventTypes.MESH_FAILED -> "Could not make a mesh from " + (source != null ? source : subject) + ": "
                    + data.path("reason").asString("unknown reason")
                    + (data.path("detail").isString() ? " (" + data.get("detail").asString() + ")" : "");
            default -> (event.getType().endsWith(".failed") ? "Backup FAILED" : "Backup "
                    + event.getType().substring(BACKUP_PREFIX.length())) + (subject.isEmpty() ? "" : ": " + subject)
                    + (data.path("detail").isString() ? " (" + data.get("detail").asString() + ")" : "");
        };
    }

    private JsonNode data(CloudEvent event) {
        if (event.getData() == null) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(event.getData().toBytes());
            return node.isObject() ? node : json.createObjectNode().set("value", node);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }
}
