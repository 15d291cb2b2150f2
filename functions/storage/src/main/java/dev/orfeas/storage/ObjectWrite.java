package dev.orfeas.storage;

import java.util.Map;

/**
 * One object to write.
 *
 * @param key                object key
 * @param bytes              content
 * @param contentType        media type stored with the object
 * @param downloadName       file name for {@code Content-Disposition} (how a browser saves it); null for none
 * @param metadata           user metadata (ASCII keys and values)
 */
public record ObjectWrite(String key, byte[] bytes, String contentType, String downloadName,
                          Map<String, String> metadata) {

    public ObjectWrite {
        metadata = Map.copyOf(metadata);
    }

    public static ObjectWrite of(String key, byte[] bytes, String contentType) {
        return new ObjectWrite(key, bytes, contentType, null, Map.of());
    }
}
