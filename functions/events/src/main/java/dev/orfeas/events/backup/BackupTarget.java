package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectStore;

/**
 * Where backups go: a bucket and key prefix in a store. {@code remote} when that store is a second S3 endpoint,
 * so copies pass through this process instead of being server-side.
 */
public record BackupTarget(ObjectStore store, String bucket, String prefix, boolean remote) {

    public String backupKey(String key) {
        return prefix + key;
    }
}
