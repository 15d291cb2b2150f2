package dev.orfeas.generate.jobs;

import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.mesh.IdentifiedImage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One machine (no {@code K_SINK}): a bounded in-process executor. {@code workers} jobs run at once, at most
 * {@code queueLength} more wait; a job beyond that is refused before anything is stored ({@link #tryReserve}),
 * so a flood of submissions costs the caller a 429, not the process its memory. On shutdown the running jobs
 * finish; the waiting ones are handed back (the caller stores them as interrupted).
 */
final class LocalJobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalJobQueue.class);

    private final JobRunner runner;
    private final Semaphore capacity;
    private final ThreadPoolExecutor executor;
    private final Consumer<String> interrupted;

    LocalJobQueue(JobRunner runner, int workers, int queueLength, MeterRegistry registry,
                  Consumer<String> interrupted) {
        this.runner = runner;
        this.interrupted = interrupted;
        this.capacity = new Semaphore(workers + queueLength);
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("job-", 0).factory());
        Gauge.builder("orfeas.jobs.queue", executor, e -> e.getQueue().size())
                .description("Jobs waiting in this process for a worker").register(registry);
    }

    /** A place in the queue, or false when it is full. */
    boolean tryReserve() {
        return capacity.tryAcquire();
    }

    /**
     * Runs a job that holds a reservation (released when the task ends); its image stays in memory (a restart fails
     * the job anyway).
     *
     * @param lookup    the submission's cache lookup of the image, and
     * @param admission see {@link JobRunner#runLocal}
     */
    void submit(JobState queued, IdentifiedImage image, CompletableFuture<Optional<MeshMeta>> lookup,
                CompletableFuture<Boolean> admission) {
        executor.execute(new Task(queued, image, lookup, admission));
    }

    @Override
    public void close() {
        List<Runnable> waiting = new ArrayList<>();
        executor.getQueue().drainTo(waiting);
        executor.shutdown();
        for (Runnable task : waiting) {
            try {
                interrupted.accept(((Task) task).id);
            } catch (RuntimeException e) {
                log.warn("job {} left queued at shutdown: {}", ((Task) task).id, e.getMessage());
            }
        }
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("jobs still running at shutdown; they are swept as interrupted on the next start");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private final class Task implements Runnable {
        private final String id;
        private final JobState queued;
        private final IdentifiedImage image;
        private final CompletableFuture<Optional<MeshMeta>> lookup;
        private final CompletableFuture<Boolean> admission;

        Task(JobState queued, IdentifiedImage image, CompletableFuture<Optional<MeshMeta>> lookup,
             CompletableFuture<Boolean> admission) {
            this.id = queued.id();
            this.queued = queued;
            this.image = image;
            this.lookup = lookup;
            this.admission = admission;
        }

        @Override
        public void run() {
            try {
                runner.runLocal(queued, image, lookup, admission);
            } catch (RuntimeException e) {
                log.warn("job {} could not be run: {}", id, e.toString());
            } finally {
                capacity.release();
            }
        }
    }
}
