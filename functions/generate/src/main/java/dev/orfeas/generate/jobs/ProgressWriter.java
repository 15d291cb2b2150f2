package dev.orfeas.generate.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores a running job's progress off the generating thread: only the latest state is written (a stage that ends
 * while the previous write is in flight replaces it), so the engine never waits for the store. Before each write
 * it checks the stored state: a job cancelled from another replica is flagged in {@link LiveJobs} and its progress
 * no longer written. {@link #flush()} waits for the last write, before the final state goes in.
 */
final class ProgressWriter {

    private static final Logger log = LoggerFactory.getLogger(ProgressWriter.class);

    private final JobStore store;
    private final LiveJobs live;
    private final AtomicReference<JobState> pending = new AtomicReference<>();
    private final ReentrantLock writing = new ReentrantLock();

    ProgressWriter(JobStore store, LiveJobs live) {
        this.store = store;
        this.live = live;
    }

    void offer(JobState state) {
        if (pending.getAndSet(state) == null) {
            Thread.ofVirtual().name("job-progress").start(this::drain);
        }
    }

    /** Writes what is pending and waits for a write in flight; nothing is written after it returns. */
    void flush() {
        drain();
    }

    private void drain() {
        writing.lock();
        try {
            JobState next;
            while ((next = pending.getAndSet(null)) != null) {
                if (live.isCancelled(next.id())) {
                    continue;
                }
                var stored = store.read(next.id());
                if (stored.isPresent() && stored.get().status() == JobStatus.CANCELLED) {
                    live.cancel(next.id());
                    continue;
                }
                store.write(next);
            }
        } catch (RuntimeException e) {
            // progress is best effort: the final state is written (and its failure reported) by the runner
            log.debug("storing progress failed: {}", e.getMessage());
        } finally {
            writing.unlock();
        }
    }
}
