package dev.orfeas.mesh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content address of a mesh: SHA-256 over the image bytes, the canonical options and the field source. */
final class MeshId {

    private MeshId() {
    }

    static String of(byte[] image, GenerationOptions options, String fieldSourceId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(image);
            digest.update((byte) 0);
            digest.update(options.canonical().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(fieldSourceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
