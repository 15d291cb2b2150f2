package dev.orfeas.cloudevents;

import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One validated record of an S3/MinIO bucket notification ({@code Records[i]}), key URL-decoded. The one parser of
 * that record: the events adapter maps notifications with it, and generate accepts an {@code object.created} whose
 * data is a raw notification through it.
 */
public record S3Record(String eventName, String bucket, String key, Long size, String etag, String contentType,
                       String versionId, String sequencer, OffsetDateTime time) {

    /** @throws IllegalArgumentException naming the field ({@code Records[i].s3.object.key}) that is wrong */
    public static S3Record parse(JsonNode record, int index) {
        return parse(record, index, true);
    }

    /** As {@link #parse}, the event name optional (a record posted to generate as {@code object.created} data). */
    static S3Record parseObject(JsonNode record, int index) {
        return parse(record, index, false);
    }

    private static S3Record parse(JsonNode record, int index, boolean eventNameRequired) {
        String where = "Records[" + index + "]";
        if (!record.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        String eventName = eventNameRequired ? required(record.path("eventName"), where + ".eventName")
                : text(record.path("eventName"));
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
        Long size = null;
        JsonNode sizeNode = object.path("size");
        if (!sizeNode.isMissingNode() && !sizeNode.isNull()) {
            if (!sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
                throw new IllegalArgumentException(where + ".s3.object.size is not a non-negative number");
            }
            size = sizeNode.asLong();
        }
        return new S3Record(eventName, bucket, key, size, etag == null ? null : etag.replace("\"", ""),
                text(object.path("contentType")), versionId, sequencer, time(record.path("eventTime")));
    }

    /** True when a stable event id can be derived (some of ETag, version, sequencer is known). */
    public boolean identifiable() {
        return etag != null || versionId != null || sequencer != null;
    }

    /** The object this record names, as the {@code object.*} event data carries it. */
    public ObjectEvent toEvent() {
        return new ObjectEvent(bucket, key, size, etag, contentType, versionId, sequencer, eventName);
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
