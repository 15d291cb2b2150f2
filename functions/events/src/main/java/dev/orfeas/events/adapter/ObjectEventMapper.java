package dev.orfeas.events.adapter;

import dev.orfeas.events.EventTypes;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A MinIO/S3 bucket notification ({@code {"EventName":…,"Key":…,"Records":[…]}}) → one CloudEvent per record.
 * {@code s3:ObjectCreated:*} → {@link EventTypes#OBJECT_CREATED},
 * {@code s3:ObjectRemoved:*} → {@link EventTypes#OBJECT_REMOVED},
 * any other event name is ignored; keys outside the prefix/suffix filters are skipped. Every record is checked
 * before any event is built, so a payload is either mapped whole or refused whole ({@link IllegalArgumentException}).
 * The event id is a hash of type, bucket, key and object version/ETag (a removal: version and sequencer), so a
 * redelivered notification maps to the same ids and consumers deduplicate.
 */
public class ObjectEventMapper implements Function<JsonNode, ObjectEventMapper.Mapping> {

    /** CloudEvent extension naming the bucket, for Knative Trigger filters ({@code bucket: uploads}). */
    public static final String BUCKET_EXTENSION = "bucket";

    private final JsonMapper json;
    private final List<String> prefixes;
    private final List<String> suffixes;

    public ObjectEventMapper(JsonMapper json, List<String> prefixes, List<String> suffixes) {
        this.json = json;
        this.prefixes = List.copyOf(prefixes);
        this.suffixes = List.copyOf(suffixes);
    }

    /** The events of a notification, deduplicated by id, in record order, and what was left out. */
    public record Mapping(List<CloudEvent> events, int records, int ignored, int filtered, int duplicates) {
    }

    @Override
    public Mapping apply(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the notification must be a JSON object");
        }
        JsonNode records = root.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException("the notification has no Records");
        }
        List<ObjectRecord> parsed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            parsed.add(ObjectRecord.parse(records.get(i), i));
        }
        Map<String, CloudEvent> events = new LinkedHashMap<>();
        int ignored = 0;
        int filtered = 0;
        int duplicates = 0;
        for (ObjectRecord record : parsed) {
            String type = type(record.eventName());
            if (type == null) {
                ignored++;
            } else if (!matches(record.key())) {
                filtered++;
            } else if (events.putIfAbsent(id(type, record), event(type, record)) != null) {
                duplicates++;
            }
        }
        return new Mapping(List.copyOf(events.values()), parsed.size(), ignored, filtered, duplicates);
    }

    private static String type(String eventName) {
        if (eventName.startsWith("s3:ObjectCreated:")) {
            return EventTypes.OBJECT_CREATED;
        }
        if (eventName.startsWith("s3:ObjectRemoved:")) {
            return EventTypes.OBJECT_REMOVED;
        }
        return null;
    }

    private boolean matches(String key) {
        return (prefixes.isEmpty() || prefixes.stream().anyMatch(key::startsWith))
                && (suffixes.isEmpty() || suffixes.stream().anyMatch(key::endsWith));
    }

    private CloudEvent event(String type, ObjectRecord record) {
        ObjectNode data = json.createObjectNode();
        data.put("bucket", record.bucket());
        data.put("key", record.key());
        if (record.size() != null) {
            data.put("size", record.size());
        }
        putIfPresent(data, "etag", record.etag());
        putIfPresent(data, "contentType", record.contentType());
        putIfPresent(data, "versionId", record.versionId());
        putIfPresent(data, "sequencer", record.sequencer());
        data.put("eventName", record.eventName());
        var builder = CloudEventBuilder.v1()
                .withId(id(type, record))
                .withType(type)
                .withSource(URI.create("s3://" + record.bucket()))
                .withSubject(record.key())
                .withExtension(BUCKET_EXTENSION, record.bucket())
                .withDataContentType("application/json")
                .withData(json.writeValueAsBytes(data));
        OffsetDateTime time = record.time();
        if (time != null) {
            builder.withTime(time);
        }
        return builder.build();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static String id(String type, ObjectRecord r) {
        String identity = EventTypes.OBJECT_CREATED.equals(type)
                ? nullToEmpty(r.versionId()) + "\n" + (r.etag() != null ? r.etag() : nullToEmpty(r.sequencer()))
                : nullToEmpty(r.versionId()) + "\n" + nullToEmpty(r.sequencer());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((type + "\n" + r.bucket() + "\n" + r.key() + "\n" + identity)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One validated notification record, key decoded. */
    record ObjectRecord(String eventName, String bucket, String key, Long size, String etag, String contentType,
                        String versionId, String sequencer, OffsetDateTime time) {

        static ObjectRecord parse(JsonNode record, int index) {
            String where = "Records[" + index + "]";
            if (!record.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            String eventName = required(record.path("eventName"), where + ".eventName");
            String bucket = required(record.path("s3").path("bucket").path("name"), where + ".s3.bucket.name");
            String rawKey = required(record.path("s3").path("object").path("key"), where + ".s3.object.key");
            String key;
            try {
                key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".s3.object.key is not URL-encoded: " + e.getMessage());
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException(where + ".s3.object.key is empty");
            }
            JsonNode object = record.path("s3").path("object");
            String etag = text(object.path("eTag"));
            String versionId = text(object.path("versionId"));
            String sequencer = text(object.path("sequencer"));
            if (etag == null && versionId == null && sequencer == null) {
                throw new IllegalArgumentException(where + ".s3.object has none of eTag, versionId, sequencer; "
                        + "an event id cannot be derived");
            }
            Long size = null;
            JsonNode sizeNode = object.path("size");
            if (!sizeNode.isMissingNode() && !sizeNode.isNull()) {
                if (!sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
                    throw new IllegalArgumentException(where + ".s3.object.size is not a non-negative number");
                }
                size = sizeNode.asLong();
            }
            return new ObjectRecord(eventName, bucket, key, size, etag == null ? null : etag.replace("\"", ""),
                    text(object.path("contentType")), versionId, sequencer, time(record.path("eventTime")));
        }

        private static OffsetDateTime time(JsonNode node) {
            String value = text(node);
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static String required(JsonNode node, String name) {
            String value = text(node);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return value;
        }

        private static String text(JsonNode node) {
            if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
                return null;
            }
            String value = node.asString();
            return value.isEmpty() ? null : value;
        }
    }
}
