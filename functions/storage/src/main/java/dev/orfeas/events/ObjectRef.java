package dev.orfeas.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The object an {@code object.created} event points at. Accepts the ORFEAS form
 * {@code {"bucket":"uploads","key":"cat.png"}} and the S3/MinIO notification form
 * ({@code Records[0].s3.bucket.name}, {@code Records[0].s3.object.key}, URL-encoded).
 */
public record ObjectRef(String bucket, String key) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ObjectRef {
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("object reference needs a bucket and a key");
        }
    }

    /** @throws IllegalArgumentException when the data names no object */
    public static ObjectRef parse(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("event has no data");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("event data is not JSON: " + e.getMessage(), e);
        }
        if (root.hasNonNull("bucket") && root.hasNonNull("key")) {
            return new ObjectRef(root.get("bucket").asText(), root.get("key").asText());
        }
        JsonNode s3 = root.path("Records").path(0).path("s3");
        if (!s3.isMissingNode()) {
            return new ObjectRef(s3.path("bucket").path("name").asText(null),
                    URLDecoder.decode(s3.path("object").path("key").asText(""), StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("event data names no object (want bucket and key)");
    }

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
