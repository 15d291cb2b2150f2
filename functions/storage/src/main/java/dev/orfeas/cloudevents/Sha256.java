package dev.orfeas.cloudevents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the one helper behind event ids, reply ids and key hashes. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The first {@code bytes} bytes (1–32) of the digest of {@code text} (UTF-8), as {@code 2 × bytes} hex digits. */
    public static String hex(String text, int bytes) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }
}
