package dev.orfeas.generate.maintenance;

import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heals the meshes bucket after a writer was killed mid-write (kill -9, OOM, a node lost): aborts multipart
 * uploads started more than {@code grace} ago (or first seen by a sweep that long ago: S3Proxy dates every upload
 * "now"), and deletes mesh folders that have no {@code meta.json} (never
 * published, so never served) and whose newest object is older than {@code grace}, with their listing markers.
 * A mesh being written right now is younger than the grace period and is left alone.
 */
public class StoreSweep {

    private static final Logger log = LoggerFactory.getLogger(StoreSweep.class);

    private final ObjectStore store;
    private final Duration grace;
    private final Clock clock;
    /** Upload id → when a sweep first saw it: S3Proxy reports every upload as initiated "now". */
    private final Map<String, Instant> firstSeen = new java.util.concurrent.ConcurrentHashMap<>();
    /** When the last sweep asked for by an event began (see {@link #sweepUnlessRecent}). */
    private final AtomicReference<Instant> lastRequested = new AtomicReference<>(Instant.EPOCH);

    public StoreSweep(ObjectStore store, Duration grace, Clock clock) {
        this.store = store;
        this.grace = grace;
        this.clock = clock;
    }

    /** What one sweep removed. */
    public record Result(int abortedUploads, int orphanMeshes, int deletedObjects) {
    }

    /**
     * A sweep asked for from outside (a PingSource tick), unless one began less than {@code gap} ago: a sweep lists
     * the whole bucket, so a flood of ticks (redeliveries, or anyone who can reach the event endpoint) must not
     * become a flood of listings. Empty when skipped.
     */
    public Optional<Result> sweepUnlessRecent(Duration gap) {
        Instant last = lastRequested.get();
        Instant now = clock.instant();
        if (now.isBefore(last.plus(gap)) || !lastRequested.compareAndSet(last, now)) {
            return Optional.empty();
        }
        try {
            return Optional.of(sweep());
        } catch (RuntimeException e) {
            lastRequested.compareAndSet(now, last); // failed (store down): the retried tick may sweep
            throw e;
        }
    }

    public Result sweep() {
        String bucket = store.properties().buckets().meshes();
        Instant now = clock.instant();
        Instant cutoff = now.minus(grace);
        int aborted = 0;
        List<ObjectStore.PendingUpload> pending = store.pendingUploads(bucket);
        firstSeen.keySet().retainAll(pending.stream().map(ObjectStore.PendingUpload::uploadId).toList());
        for (ObjectStore.PendingUpload upload : pending) {
            Instant seen = firstSeen.computeIfAbsent(upload.uploadId(), id -> now);
            Instant started = upload.initiated() == null || seen.isBefore(upload.initiated()) ? seen
                    : upload.initiated();
            if (!started.isAfter(cutoff)) {
                store.abortUpload(bucket, upload);
                firstSeen.remove(upload.uploadId());
                aborted++;
            }
        }
        Map<String, List<ObjectInfo>> folders = new LinkedHashMap<>();
        Map<String, List<String>> markers = new LinkedHashMap<>();
        for (ObjectInfo object : store.listAll(bucket, "")) {
            String key = object.key();
            if (key.startsWith(MeshLayout.RECENT_PREFIX)) {
                try {
                    markers.computeIfAbsent(MeshLayout.parseRecent(key).id(), id -> new ArrayList<>()).add(key);
                } catch (RuntimeException notOurs) {
                    // a key under recent/ we did not write: not ours to judge
                }
            } else if (key.indexOf('/') > 0) {
                folders.computeIfAbsent(key.substring(0, key.indexOf('/')), id -> new ArrayList<>()).add(object);
            }
        }
        int orphans = 0;
        List<String> doomed = new ArrayList<>();
        for (var folder : folders.entrySet()) {
            String id = folder.getKey();
            if (!MeshLayout.ID.matcher(id).matches()) {
                continue;
            }
            boolean published = folder.getValue().stream().anyMatch(o -> o.key().equals(MeshLayout.meta(id)));
            boolean settled = folder.getValue().stream().allMatch(o -> o.lastModified() != null
                    && o.lastModified().isBefore(cutoff));
            if (!published && settled) {
                orphans++;
                folder.getValue().forEach(o -> doomed.add(o.key()));
                doomed.addAll(markers.getOrDefault(id, List.of()));
            }
        }
        for (int from = 0; from < doomed.size(); from += 1000) {
            store.delete(bucket, doomed.subList(from, Math.min(doomed.size(), from + 1000)));
        }
        Result result = new Result(aborted, orphans, doomed.size());
        if (aborted > 0 || orphans > 0) {
            log.warn("store sweep of {}: aborted {} unfinished upload(s), removed {} unpublished mesh folder(s) "
                    + "({} object(s)) left by an interrupted write", bucket, aborted, orphans, doomed.size());
        } else {
            log.debug("store sweep of {}: nothing to heal", bucket);
        }
        return result;
    }
}
