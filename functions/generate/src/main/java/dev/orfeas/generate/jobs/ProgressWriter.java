package dev.orfeas.generate.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores a running job's progress off the generating thread, once per {@link #INTERVAL} at most and not before
 * the job has run that long: only the latest state is written (stages that end meanwhile replace it), so the
 * engine never waits for the store, and a short job's stored state goes from queued straight to its end. This
 * process's followers see every stage at once through {@link LiveJobs}; the store's copy is for other replicas,
 * whose followers poll it every 50 ms to 1 s anyway, and for the stale-job sweep (which treats queued and running
 * alike). Before each write it checks the stored state: a job cancelled from another replica is flagged in
 * {@link LiveJobs} and its progress no longer written. {@link #close()} waits for a write in flight and drops what
 * is pending: the final state is stored next.
 */
final class ProgressWriter implements AutoCloseable {

    /**
     * Each write is two store round trips (read, then write) on the CPUs the generation runs on: storing the running
     * state and every stage of a 100 ms generation made it ~50 % slower than the synchronous call (docs/benchmarks.md,
     * Jobs).
     */
    static final Duration INTERVAL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(ProgressWriter.class);

    private final JobStore store;
    private final LiveJobs live;
    private final AtomicReference<JobState> pending = new AtomicReference<>();
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closed;
    /** System.nanoTime() before which no write starts; set when a write takes its state. */
    private volatile long nextWriteAt = System.nanoTime() + INTERVAL.toNanos();

    ProgressWriter(JobStore store, LiveJobs live) {
        this.store = store;
        this.live = live;
    }

    void offer(JobState state) {
        if (!closed && pending.getAndSet(state) == null) {
            Thread.ofVirtual().name("job-progress").start(this::drain);
        }
    }

    /** Waits for a write in flight; nothing is written after it returns. */
    @Override
    public void close() {
        closed = true;
        pending.set(null);
        writing.lock();
        writing.unlock();
    }

    /**
     * One drainer at a time takes the pending state: a state offered while a write is in flight starts a second
     * one, which sleeps out the interval (set before the first write took its state) and then takes the latest.
     */
    private void drain() {
        long wait = nextWriteAt - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        writing.lock();
        try {
            if (closed) {
                return;
            }
            // before the take: an offer that then finds nothing pending (and starts a drainer) sees the new time
            nextWriteAt = System.nanoTime() + INTERVAL.toNanos();
            JobState next = pending.getAndSet(null);
            if (next == null) {
                return;
            }
            if (live.isCancelled(next.id())) {
                return;
            }
            var stored = store.read(next.id());
            if (stored.isPresent() && stored.get().status() == JobStatus.CANCELLED) {
                live.cancel(next.id());
                return;
            }
            store.write(next);
        } catch (RuntimeException e) {
            // progress is best effort: the final state is written (and its failure reported) by the runner
            log.debug("storing progress failed: {}", e.getMessage());
        } finally {
            writing.unlock();
        }
    }
}
