package dev.orfeas.storage;

import java.util.Map;

/** An object read back from the store. */
public record StoredObject(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }
}
