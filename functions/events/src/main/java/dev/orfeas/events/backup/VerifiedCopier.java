package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;

import java.util.Locale;
import java.util.Optional;

/**
 * Copies one object from a source store into a backup target and proves the copy: size and checksum must equal
 * the source's. A copy that already matches is left alone (redelivery and reruns copy nothing twice); one that
 * does not is replaced, with one fresh attempt before giving up.
 */
class VerifiedCopier {

    /** One object's backup. {@code checksum} is the source's, as the manifest records it. */
    record Copied(String key, String backupKey, long size, String checksum, boolean skipped) {
    }

    /** The source object is gone: the backup can never succeed (not retryable). */
    static class MissingSourceException extends RuntimeException {
        MissingSourceException(String message) {
            super(message);
        }
    }

    /** A copy did not verify (after one fresh attempt). */
    static class VerificationException extends RuntimeException {
        VerificationException(String message) {
            super(message);
        }
    }

    private final ObjectStore source;
    private final BackupTarget target;

    VerifiedCopier(ObjectStore source, BackupTarget target) {
        this.source = source;
        this.target = target;
    }

    BackupTarget target() {
        return target;
    }

    Copied copy(String bucket, String key) {
        ObjectInfo object = source.head(bucket, key).orElseThrow(() ->
                new MissingSourceException("source object " + bucket + "/" + key + " does not exist"));
        return copy(bucket, object, target.store().head(target.bucket(), target.backupKey(key)));
    }

    /** Copies a listed object; {@code existing} is what the target holds under its backup key (if anything). */
    Copied copy(String bucket, ObjectInfo object, Optional<ObjectInfo> existing) {
        String key = object.key();
        String backupKey = target.backupKey(key);
        String checksum = Checksums.of(source, bucket, object);
        if (existing.isPresent() && Checksums.matches(target.store(), target.bucket(), existing.get(),
                object.size(), checksum)) {
            return new Copied(key, backupKey, object.size(), checksum, true);
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (target.remote()) {
                source.transferTo(target.store(), bucket, key, target.bucket(), backupKey);
            } else {
                String etag = source.copy(bucket, key, target.bucket(), backupKey);
                // the copy's MD5 ETag equal to the source's MD5 proves the bytes: no second request needed
                if (checksum.equals("md5:" + etag.toLowerCase(Locale.ROOT))) {
                    return new Copied(key, backupKey, object.size(), checksum, false);
                }
            }
            ObjectInfo copy = target.store().head(target.bucket(), backupKey).orElseThrow(() ->
                    new VerificationException("copy of " + key + " is missing right after the copy"));
            if (Checksums.matches(target.store(), target.bucket(), copy, object.size(), checksum)) {
                return new Copied(key, backupKey, object.size(), checksum, false);
            }
        }
        throw new VerificationException("copy of " + bucket + "/" + key + " does not match its source after 2 attempts");
    }
}
