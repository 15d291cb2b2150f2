package dev.orfeas.generate.jobs;

import dev.orfeas.generate.generation.MeshMeta;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local fast path: the latest state of the jobs this process queued or runs, and a signal followers wait on, so
 * SSE/WebSocket clients of this replica see a stage the moment it ends (others poll the store). Also the cancel
 * flags a running job checks at each stage boundary.
 */
final class LiveJobs {

    private final ConcurrentHashMap<String, List<JobState>> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MeshMeta> meshes = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicLong version = new AtomicLong();
    private final Object signal = new Object();

    Optional<JobState> get(String id) {
        List<JobState> states = running.get(id);
        return states == null || states.isEmpty() ? Optional.empty() : Optional.of(states.getLast());
    }

    /** Every state of a job held here, oldest first (a follower sends each stage, not only the latest). */
    List<JobState> history(String id) {
        List<JobState> states = running.get(id);
        return states == null ? List.of() : List.copyOf(states);
    }

    void update(JobState state) {
        running.computeIfAbsent(state.id(), id -> new CopyOnWriteArrayList<>()).add(state);
        changed();
    }

    /** The final state, with its mesh on success: followers here see it before it is stored. */
    void finish(JobState state, MeshMeta mesh) {
        if (mesh != null) {
            meshes.put(state.id(), mesh);
        }
        update(state);
    }

    /** The mesh of a job that just succeeded here (saves reading its meta.json back). */
    Optional<MeshMeta> mesh(String id) {
        return Optional.ofNullable(meshes.get(id));
    }

    /** Called once the final state is stored: followers read it from the store from now on. */
    void remove(String id) {
        running.remove(id);
        meshes.remove(id);
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
