package dev.orfeas.generate.jobs;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local fast path: the latest state of the jobs this process is running, and a signal followers wait on, so
 * SSE/WebSocket clients of this replica see a stage the moment it ends (others poll the store). Also the cancel
 * flags a running job checks at each stage boundary.
 */
final class LiveJobs {

    private final ConcurrentHashMap<String, JobState> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicLong version = new AtomicLong();
    private final Object signal = new Object();

    Optional<JobState> get(String id) {
        return Optional.ofNullable(running.get(id));
    }

    void update(JobState state) {
        running.put(state.id(), state);
        changed();
    }

    /** Called once the final state is stored: followers read it from the store from now on. */
    void remove(String id) {
        running.remove(id);
        cancelled.remove(id);
        changed();
    }

    void cancel(String id) {
        cancelled.add(id);
        changed();
    }

    boolean isCancelled(String id) {
        return cancelled.contains(id);
    }

    int size() {
        return running.size();
    }

    long version() {
        return version.get();
    }

    /** Waits until anything changes after {@code seen} (see {@link #version()}) or the time is up. */
    void awaitChange(long seen, long millis) throws InterruptedException {
        synchronized (signal) {
            if (version.get() == seen) {
                signal.wait(millis);
            }
        }
    }

    private void changed() {
        version.incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
