package dev.orfeas.generate.generation;

import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The cache lookup of one request, run on its own virtual thread while the engine already generates: a new mesh
 * does not wait for the {@code meta.json} round trip. Handed to the engine as its progress listener, it holds
 * progress back until the lookup has answered (a stored mesh shows no progress) and, on a hit, stops the
 * generation at the next stage boundary by throwing {@link Hit}. Used by one generating thread.
 */
final class CacheLookup implements ProgressListener {

    private final CompletableFuture<Optional<MeshMeta>> lookup;
    private final ProgressListener downstream;
    private final List<Runnable> held = new ArrayList<>();
    private volatile double millis = Double.NaN;

    /** Starts the lookup on its own virtual thread. */
    CacheLookup(Supplier<Optional<MeshMeta>> find, ProgressListener downstream) {
        this(CompletableFuture.supplyAsync(find, task -> Thread.ofVirtual().name("mesh-lookup").start(task)),
                downstream);
    }

    /** A lookup started already (a job's submission): {@link #millis()} then counts from here. */
    CacheLookup(CompletableFuture<Optional<MeshMeta>> started, ProgressListener downstream) {
        this.downstream = downstream;
        long start = System.nanoTime();
        this.lookup = started.whenComplete((stored, failure) ->
                millis = Math.round((System.nanoTime() - start) / 1e4) / 100.0);
    }

    @Override
    public void stageDone(Stage stage, double stageMillis) {
        if (!lookup.isDone()) {
            held.add(() -> downstream.stageDone(stage, stageMillis));
            return;
        }
        result().ifPresent(stored -> {
            throw new Hit(stored);
        });
        release();
        downstream.stageDone(stage, stageMillis);
    }

    /** Waits for the lookup: the stored mesh, or empty (and the progress held back so far is passed on). */
    Optional<MeshMeta> await() {
        Optional<MeshMeta> stored = result();
        if (stored.isEmpty()) {
            release();
        }
        return stored;
    }

    /** How long the lookup itself took (NaN until it answered). */
    double millis() {
        return millis;
    }

    private Optional<MeshMeta> result() {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void release() {
        held.forEach(Runnable::run);
        held.clear();
    }

    /** The mesh is stored already: thrown out of the engine to stop a generation that is not needed. */
    static final class Hit extends RuntimeException {

        private final transient MeshMeta meta;

        Hit(MeshMeta meta) {
            super("mesh " + meta.id() + " is stored already", null, false, false);
            this.meta = meta;
        }

        MeshMeta meta() {
            return meta;
        }
    }
}
