package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.S3Record;
import dev.orfeas.cloudevents.Sha256;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    private final List<String> prefixes;
    private final List<String> suffixes;

    public ObjectEventMapper(List<String> prefixes, List<String> suffixes) {
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
        List<S3Record> parsed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            S3Record record = S3Record.parse(records.get(i), i);
            if (!record.identifiable()) {
                throw new IllegalArgumentException("Records[" + i + "].s3.object has none of eTag, versionId, "
                        + "sequencer; an event id cannot be derived");
            }
            parsed.add(record);
        }
        Map<String, CloudEvent> events = new LinkedHashMap<>();
        int ignored = 0;
        int filtered = 0;
        int duplicates = 0;
        for (S3Record record : parsed) {
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

    private CloudEvent event(String type, S3Record record) {
        var builder = CloudEventBuilder.v1()
                .withId(id(type, record))
                .withType(type)
                .withSource(URI.create("s3://" + record.bucket()))
                .withSubject(record.key())
                .withExtension(BUCKET_EXTENSION, record.bucket())
                .withDataContentType(EventData.JSON)
                .withData(EventData.write(record.toEvent()));
        OffsetDateTime time = record.time();
        if (time != null) {
            builder.withTime(time);
        }
        return builder.build();
    }

    static String id(String type, S3Record r) {
        String identity = EventTypes.OBJECT_CREATED.equals(type)
                ? nullToEmpty(r.versionId()) + "\n" + (r.etag() != null ? r.etag() : nullToEmpty(r.sequencer()))
                : nullToEmpty(r.versionId()) + "\n" + nullToEmpty(r.sequencer());
        return Sha256.hex(type + "\n" + r.bucket() + "\n" + r.key() + "\n" + identity, 16);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
