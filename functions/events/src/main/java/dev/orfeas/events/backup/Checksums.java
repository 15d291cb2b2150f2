package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;

/**
 * Object checksums as manifests write them: {@code md5:<hex>} when the ETag is the MD5 of the bytes (single-part,
 * unencrypted: no read needed), else {@code sha256:<hex>} of the bytes. scripts/backup.sh writes the same.
 */
final class Checksums {

    private Checksums() {
    }

    static String of(ObjectStore store, String bucket, ObjectInfo object) {
        String md5 = object.md5OrNull();
        return md5 != null ? "md5:" + md5 : "sha256:" + store.digest(bucket, object.key(), "SHA-256");
    }

    /** Size and checksum agree, trusting a plain-MD5 ETag (cheap: backups compare many objects). */
    static boolean matches(ObjectStore store, String bucket, ObjectInfo object, long size, String checksum) {
        if (object.size() != size) {
            return false;
        }
        if (checksum.startsWith("md5:") && object.md5OrNull() != null) {
            return checksum.substring(4).equals(object.md5OrNull());
        }
        return contentMatches(store, bucket, object.key(), checksum);
    }

    /** Reads the bytes and compares their digest (restores: catches damage an ETag would not show). */
    static boolean contentMatches(ObjectStore store, String bucket, String key, String checksum) {
        int colon = checksum.indexOf(':');
        String algorithm = switch (checksum.substring(0, Math.max(colon, 0))) {
            case "md5" -> "MD5";
            case "sha256" -> "SHA-256";
            default -> throw new IllegalArgumentException("unknown checksum " + checksum);
        };
        return store.digest(bucket, key, algorithm).equalsIgnoreCase(checksum.substring(colon + 1));
    }
}
