package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Restores the objects a manifest lists from the backup target into a bucket of the app's store. Every object is
 * verified by reading it: the backup copy before it is used (a damaged copy is reported, never restored) and the
 * restored object after. An object already identical in the target bucket is left alone, so a rerun resumes.
 */
public class Restorer {

    /** What a restore did; {@code failed} lists every object that could not be restored and why. */
    public record Result(String manifestKey, String bucket, int objects, int restored, int skipped,
                         List<Failure> failed) {
        public boolean complete() {
            return failed.isEmpty();
        }
    }

    public record Failure(String key, String reason) {
    }

    /** The target bucket does not exist and the caller did not ask for it to be created. */
    public static class NoBucketException extends RuntimeException {
        NoBucketException(String bucket) {
            super("bucket '" + bucket + "' does not exist; send \"createBucket\": true to restore into a new bucket");
        }
    }

    /** The manifest does not exist (or there is none at all). */
    public static class NoManifestException extends RuntimeException {
        NoManifestException(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Restorer.class);

    private final ObjectStore store;
    private final BackupTarget backup;
    private final String manifestPrefix;

    Restorer(ObjectStore store, BackupTarget backup, String manifestPrefix) {
        this.store = store;
        this.backup = backup;
        this.manifestPrefix = manifestPrefix;
    }

    /** The newest manifest's key. */
    public String newestManifest() {
        return backup.store().listAll(backup.bucket(), manifestPrefix).stream().map(ObjectInfo::key)
                .filter(k -> k.endsWith(".tsv")).max(Comparator.naturalOrder())
                .orElseThrow(() -> new NoManifestException("no manifest under " + backup.bucket() + "/"
                        + manifestPrefix));
    }

    /**
     * @param manifestKey  the manifest; null: the newest
     * @param createBucket create {@code bucket} when it is missing; otherwise a missing bucket is refused (a typo in
     *                     the name must not quietly make a new bucket nobody serves meshes from)
     */
    public Result restore(String manifestKey, String bucket, boolean createBucket) {
        if (!createBucket && !store.bucketExists(bucket)) {
            throw new NoBucketException(bucket);
        }
        return restore(manifestKey != null ? manifestKey : newestManifest(), bucket);
    }

    private Result restore(String manifestKey, String bucket) {
        byte[] manifest = backup.store().get(backup.bucket(), manifestKey)
                .orElseThrow(() -> new NoManifestException("manifest " + manifestKey + " does not exist"))
                .bytes();
        List<Manifest.Entry> entries = Manifest.parse(manifest);
        store.ensureBuckets(List.of(bucket));
        int restored = 0;
        int skipped = 0;
        List<Failure> failed = new ArrayList<>();
        for (Manifest.Entry entry : entries) {
            if (alreadyRestored(bucket, entry)) {
                skipped++;
                continue;
            }
            Optional<String> failure = restoreOne(bucket, entry);
            if (failure.isPresent()) {
                failed.add(new Failure(entry.key(), failure.get()));
                log.warn("NOT restored: {}: {}", entry.key(), failure.get());
            } else {
                restored++;
            }
        }
        log.info("restore of {} into {}: {} object(s), {} restored, {} already there, {} failed", manifestKey, bucket,
                entries.size(), restored, skipped, failed.size());
        return new Result(manifestKey, bucket, entries.size(), restored, skipped, List.copyOf(failed));
    }

    private boolean alreadyRestored(String bucket, Manifest.Entry entry) {
        return store.head(bucket, entry.key()).filter(o -> o.size() == entry.size()).isPresent()
                && Checksums.contentMatches(store, bucket, entry.key(), entry.checksum());
    }

    private Optional<String> restoreOne(String bucket, Manifest.Entry entry) {
        String backupKey = backup.backupKey(entry.key());
        Optional<ObjectInfo> copy = backup.store().head(backup.bucket(), backupKey);
        if (copy.isEmpty()) {
            return Optional.of("missing from the backup (" + backup.bucket() + "/" + backupKey + ")");
        }
        if (copy.get().size() != entry.size()
                || !Checksums.contentMatches(backup.store(), backup.bucket(), backupKey, entry.checksum())) {
            return Optional.of("backup copy is corrupted: size or checksum differs from the manifest");
        }
        if (backup.remote()) {
            backup.store().transferTo(store, backup.bucket(), backupKey, bucket, entry.key());
        } else {
            store.copy(backup.bucket(), backupKey, bucket, entry.key());
        }
        if (!Checksums.contentMatches(store, bucket, entry.key(), entry.checksum())) {
            // never leave a damaged object where users download meshes
            store.delete(bucket, List.of(entry.key()));
            return Optional.of("restored object does not match the manifest (removed)");
        }
        return Optional.empty();
    }
}
