package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scheduled backup (a PingSource tick): every object of the meshes bucket into the backup target, incremental
 * (a copy that already matches is not copied again), each copy verified, then a manifest of what the backup holds
 * and retention of old manifests. The manifest is written last, so a run that dies midway leaves copies but no
 * manifest; the next run skips what is there, copies the rest and writes one manifest: no duplicates, no gaps.
 */
public class FullBackup {

    /** What a run did. {@code manifestKey} names the manifest in the backup bucket. */
    public record Result(String manifestKey, int objects, int copied, int skipped, long bytes, long bytesCopied,
                         List<String> prunedManifests, long millis) {
    }

    private static final Logger log = LoggerFactory.getLogger(FullBackup.class);

    private final ObjectStore source;
    private final String sourceBucket;
    private final VerifiedCopier copier;
    private final BackupProperties properties;
    private final Clock clock;
    private final Timer duration;
    private final Counter copiedObjects;
    private final Counter copiedBytes;
    private final AtomicLong lastSuccess = new AtomicLong();
    // One run at a time per instance: overlapping ticks would only copy the same objects twice.
    private final ReentrantLock running = new ReentrantLock();

    FullBackup(ObjectStore source, String sourceBucket, VerifiedCopier copier, BackupProperties properties,
               Clock clock, MeterRegistry meters) {
        this.source = source;
        this.sourceBucket = sourceBucket;
        this.copier = copier;
        this.properties = properties;
        this.clock = clock;
        this.duration = Timer.builder("orfeas.backup.full.duration").description("scheduled full backups")
                .register(meters);
        this.copiedObjects = Counter.builder("orfeas.backup.full.copied.objects").register(meters);
        this.copiedBytes = Counter.builder("orfeas.backup.full.copied.bytes").baseUnit("bytes").register(meters);
        // alert on age: time() - this gauge > schedule period means backups stopped
        Gauge.builder("orfeas.backup.full.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
                .description("epoch seconds of the last completed scheduled backup (0: none since start)")
                .register(meters);
    }

    /** Runs a backup; empty when one is already running here (that run covers this tick). */
    public Optional<Result> runIfIdle() {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } finally {
            running.unlock();
        }
    }

    private Result run() {
        long start = System.nanoTime();
        Instant at = clock.instant();
        BackupTarget target = copier.target();
        List<ObjectInfo> objects = source.listAll(sourceBucket, "");
        Map<String, ObjectInfo> existing = target.store().listAll(target.bucket(), target.prefix()).stream()
                .collect(Collectors.toMap(ObjectInfo::key, Function.identity()));
        List<VerifiedCopier.Copied> copies = copyAll(objects, existing);

        List<Manifest.Entry> entries = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            ObjectInfo object = objects.get(i);
            VerifiedCopier.Copied copy = copies.get(i);
            entries.add(new Manifest.Entry(object.key(), object.size(), copy.checksum(), object.versionId(),
                    String.valueOf(object.lastModified())));
        }
        String manifestKey = Manifest.name(properties.manifestPrefix(), at);
        target.store().put(target.bucket(), ObjectWrite.of(manifestKey, Manifest.write(entries), Manifest.MEDIA_TYPE));
        List<String> pruned = applyRetention(target);

        int copied = (int) copies.stream().filter(c -> !c.skipped()).count();
        long bytes = copies.stream().mapToLong(VerifiedCopier.Copied::size).sum();
        long bytesCopied = copies.stream().filter(c -> !c.skipped()).mapToLong(VerifiedCopier.Copied::size).sum();
        var result = new Result(manifestKey, objects.size(), copied, objects.size() - copied, bytes, bytesCopied,
                pruned, (System.nanoTime() - start) / 1_000_000);
        duration.record(Duration.ofMillis(result.millis()));
        copiedObjects.increment(copied);
        copiedBytes.increment(bytesCopied);
        lastSuccess.set(clock.instant().getEpochSecond());
        log.info("full backup of {}: {} object(s), {} copied, {} already current, manifest {}, {} old manifest(s) "
                + "pruned, {} ms", sourceBucket, result.objects(), copied, result.skipped(), manifestKey, pruned.size(),
                result.millis());
        return result;
    }

    /** Copies with bounded parallelism; results in the order of {@code objects}. The first failure fails the run. */
    private List<VerifiedCopier.Copied> copyAll(List<ObjectInfo> objects, Map<String, ObjectInfo> existing) {
        BackupTarget target = copier.target();
        try (ExecutorService pool = Executors.newFixedThreadPool(properties.parallelism(),
                Thread.ofPlatform().name("backup-", 0).daemon().factory())) {
            List<Future<VerifiedCopier.Copied>> futures = new ArrayList<>(objects.size());
            for (ObjectInfo object : objects) {
                Optional<ObjectInfo> copy = Optional.ofNullable(existing.get(target.backupKey(object.key())));
                futures.add(pool.submit(() -> copier.copy(sourceBucket, object, copy)));
            }
            List<VerifiedCopier.Copied> results = new ArrayList<>(objects.size());
            for (Future<VerifiedCopier.Copied> future : futures) {
                results.add(await(future, pool));
            }
            return results;
        }
    }

    private static VerifiedCopier.Copied await(Future<VerifiedCopier.Copied> future, ExecutorService pool) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a backup", e);
        }
    }

    /** Deletes all but the newest {@code keepManifests} manifests (names sort by time). */
    private List<String> applyRetention(BackupTarget target) {
        List<String> manifests = target.store().listAll(target.bucket(), properties.manifestPrefix()).stream()
                .map(ObjectInfo::key).filter(k -> k.endsWith(".tsv")).sorted(Comparator.reverseOrder()).toList();
        if (manifests.size() <= properties.keepManifests()) {
            return List.of();
        }
        List<String> old = manifests.subList(properties.keepManifests(), manifests.size());
        target.store().delete(target.bucket(), old);
        return List.copyOf(old);
    }
}
