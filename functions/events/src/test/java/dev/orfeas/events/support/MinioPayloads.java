package dev.orfeas.events.support;

/** MinIO bucket-notification bodies as MinIO's webhook target sends them (S3 event structure, version 2.0). */
public final class MinioPayloads {

    private MinioPayloads() {
    }

    /** One {@code Records[]} entry; {@code encodedKey} is URL-encoded as MinIO sends it; null etag: none. */
    public static String record(String eventName, String bucket, String encodedKey, String etag) {
        String object = "\"key\":\"" + encodedKey + "\",\"size\":42,\"contentType\":\"image/png\",\"sequencer\":\""
                + Integer.toHexString((eventName + encodedKey).hashCode()) + "\""
                + (etag == null ? "" : ",\"eTag\":\"" + etag + "\"");
        return "{\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\",\"eventTime\":\"2026-11-28T12:00:00.000Z\","
                + "\"eventName\":\"" + eventName + "\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},"
                + "\"object\":{" + object + "}}}";
    }

    /** The notification body around some records. */
    public static String body(String... records) {
        return "{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"uploads/x\",\"Records\":["
                + String.join(",", records) + "]}";
    }
}
