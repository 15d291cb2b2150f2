package dev.orfeas.cloudevents;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Data of {@code object.created} / {@code object.removed}: the object, and what the notification said about it
 * (null fields are left out). Generate also accepts the data as a raw S3/MinIO notification ({@link #parse}).
 *
 * @param eventName the S3 event name ({@code s3:ObjectCreated:Put}) when the adapter mapped it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectEvent(String bucket, String key, Long size, String etag, String contentType, String versionId,
                          String sequencer, String eventName) {

    public static ObjectEvent of(String bucket, String key) {
        return new ObjectEvent(bucket, key, null, null, null, null, null, null);
    }

    public ObjectRef ref() {
        return new ObjectRef(bucket, key);
    }

    /**
     * The object an event's data names: this record's JSON ({@code {"bucket":…,"key":…}}) or the first record of an
     * S3/MinIO notification.
     *
     * @throws IllegalArgumentException when the data names no object
     */
    public static ObjectEvent parse(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("event has no data");
        }
        JsonNode root;
        try {
            root = EventData.MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("event data is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root.hasNonNull("bucket") && root.hasNonNull("key")) {
            ObjectEvent event = EventData.MAPPER.treeToValue(root, ObjectEvent.class);
            event.ref(); // validates
            return event;
        }
        JsonNode records = root.path("Records");
        if (records.isArray() && !records.isEmpty()) {
            return S3Record.parseObject(records.get(0), 0).toEvent();
        }
        throw new IllegalArgumentException("event data names no object (want bucket and key)");
    }
}
