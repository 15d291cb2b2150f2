package dev.orfeas.generate.jobs;

import dev.orfeas.generate.engine.EngineNotReadyException;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.GenerationRequest;
import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.generation.SaturatedException;
import dev.orfeas.generate.problem.ProblemAdvice;
import dev.orfeas.mesh.IdentifiedImage;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.storage.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Runs one stored job to its end on the calling thread: queued → running → succeeded | failed | cancelled, each
 * state stored, progress stored as the stages end ({@link ProgressWriter}) and published to this process's
 * followers ({@link LiveJobs}). Called by the local queue's workers and, on Knative, by the job.requested event
 * handler inside its in-flight request.
 */
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** How the runner gets its generation slot. */
    enum Slot {
        /** The in-process queue: wait for a slot (synchronous requests may hold them all for a while). */
        WAIT,
        /** A broker delivery: no slot now → the job goes back to queued and the broker redelivers (429). */
        NOW
    }

    private final JobStore store;
    private final LiveJobs live;
    private final GenerateFunction generate;
    private final ConcurrencyLimiter limiter;
    private final ProblemAdvice problems;
    private final JsonMapper json;
    private final Clock clock;
    private final String instance;
    private final String boot;
    private final MeterRegistry registry;

    JobRunner(JobStore store, LiveJobs live, GenerateFunction generate, ConcurrencyLimiter limiter,
              ProblemAdvice problems, JsonMapper json, Clock clock, String instance, String boot,
              MeterRegistry registry) {
        this.store = store;
        this.live = live;
        this.generate = generate;
        this.limiter = limiter;
        this.problems = problems;
        this.json = json;
        this.clock = clock;
        this.instance = instance;
        this.boot = boot;
        this.registry = registry;
        // every outcome's series from the start (at 0), so the failed-jobs ratio has data before the first job ends
        for (JobStatus status : JobStatus.values()) {
            if (status.terminal()) {
                finished(status);
            }
        }
    }

    private Counter finished(JobStatus status) {
        return Counter.builder("orfeas.jobs").tag("outcome", status.label())
                .description("Jobs finished, by outcome").register(registry);
    }

    String boot() {
        return boot;
    }

    String instance() {
        return instance;
    }

    /**
     * A job of the local queue: its state and image come from memory (no store round trips before it starts). It may
     * start before the submission has stored it ({@code admission} not done yet): it then generates, but publishes
     * and stores nothing until admitted, and ends silently when the submission drops it (the mesh was stored
     * already, or storing the job failed).
     *
     * @param lookup    the submission's cache lookup of the image, which the generation takes as its own
     * @param admission true once the submission has stored the queued job, false when it dropped the job
     */
    void runLocal(JobState queued, IdentifiedImage image, CompletableFuture<Optional<MeshMeta>> lookup,
                  CompletableFuture<Boolean> admission) {
        String id = queued.id();
        if (live.isCancelled(id) || dropped(admission)) {
            live.remove(id);
            return;
        }
        ConcurrencyLimiter.Permit permit = acquire(id, Slot.WAIT, admission);
        if (permit == null) { // cancelled or dropped while waiting
            if (!dropped(admission)) {
                live.remove(id);
            }
            return;
        }
        try (permit) {
            execute(queued, Slot.WAIT, new InMemory(image, lookup), admission);
        }
    }

    private static boolean dropped(CompletableFuture<Boolean> admission) {
        return admission.isDone() && !admission.join();
    }

    /**
     * A broker delivery: runs the stored job unless it has ended already (a redelivered event, a job cancelled
     * while queued).
     */
    void run(String id, Slot slot) {
        JobState queued = store.read(id).orElse(null);
        if (queued == null || queued.status().terminal() || live.isCancelled(id)) {
            live.remove(id);
            return;
        }
        ConcurrencyLimiter.Permit permit;
        try {
            permit = acquire(id, slot, ADMITTED);
        } catch (SaturatedException e) {
            store.write(queued.requeued(clock.instant()));
            throw e;
        }
        if (permit == null) { // cancelled while waiting
            live.remove(id);
            return;
        }
        try (permit) {
            execute(queued, slot, null, ADMITTED);
        }
    }

    /** A local job's image, identified at submission, and the submission's lookup of its mesh. */
    private record InMemory(IdentifiedImage image, CompletableFuture<Optional<MeshMeta>> lookup) {
    }

    /**
     * @param inMemory the image and its lookup when the job came from the local queue, else null (the image is read
     *                 from the store)
     */
    private void execute(JobState queued, Slot slot, InMemory inMemory, CompletableFuture<Boolean> admission) {
        String id = queued.id();
        JobState running = queued.running(instance, boot, clock.instant());
        ProgressWriter progress = new ProgressWriter(store, live);
        Publication states = new Publication(running, admission, progress);
        admission.thenAccept(admitted -> states.publish()); // followers see "running" as soon as there are any
        JobState end;
        MeshMeta mesh = null;
        try {
            ProgressListener listener = (stage, millis) -> {
                if (live.isCancelled(id) || dropped(admission)) {
                    throw new Cancelled();
                }
                states.advance(now -> now.progressed(stage.label(), stage.percentWhenDone(), clock.instant()));
            };
            GenerationRequest request = inMemory != null
                    ? GenerationRequest.of(inMemory.image(), running.name(), running.contentType(), listener)
                            .withLookup(inMemory.lookup())
                    : new GenerationRequest(storedImage(id), running.options().toGenerationOptions(), running.name(),
                            running.contentType(), null, listener);
            MeshService.Outcome outcome = generate.apply(request);
            mesh = outcome.meta();
            end = states.current().succeeded(mesh.id(), outcome.cached(), outcome.timingsMs(), clock.instant());
        } catch (Cancelled e) {
            end = running.cancelled(clock.instant());
        } catch (RuntimeException e) {
            if (slot == Slot.NOW && retryable(e)) {
                requeue(id, progress);
                throw e;
            }
            if (!(e instanceof dev.orfeas.mesh.ImageRejectedException
                    || e instanceof dev.orfeas.mesh.InvalidOptionsException
                    || e instanceof dev.orfeas.web.ProblemException)) {
                log.warn("job {} failed: {}", id, e.toString());
            }
            end = states.current().failed(ProblemJson.of(problems.toProblem(e), json), clock.instant());
        }
        progress.close();
        if (!admission.join()) {
            return; // dropped by its submission, which answered for it: nothing of this run is published
        }
        finish(end, mesh, inMemory == null);
    }

    /** A job known to be stored: the broker's deliveries, whose submission stored it before sending the event. */
    private static final CompletableFuture<Boolean> ADMITTED = CompletableFuture.completedFuture(true);

    /**
     * The running job's latest state, published to this process's followers and the progress writer once the job is
     * admitted, always the latest under one lock, so no follower sees progress go backwards.
     */
    private final class Publication {
        private final CompletableFuture<Boolean> admission;
        private final ProgressWriter progress;
        private JobState current;
        private JobState published;

        Publication(JobState running, CompletableFuture<Boolean> admission, ProgressWriter progress) {
            this.current = running;
            this.admission = admission;
            this.progress = progress;
        }

        synchronized JobState current() {
            // a cancel from this process updates the live state (JobService.cancel): it wins over ours
            return published != null ? live.get(current.id()).orElse(current) : current;
        }

        synchronized void advance(UnaryOperator<JobState> change) {
            current = change.apply(current());
            publish();
        }

        synchronized void publish() {
            if (admission.isDone() && admission.join() && current != published) {
                live.update(current);
                progress.offer(current);
                published = current;
            }
        }
    }

    /**
     * Publishes the final state to this process's followers at once, then stores it. A job cancelled meanwhile
     * (here, or on another replica as the progress writes found) ends cancelled.
     */
    private void finish(JobState end, MeshMeta mesh, boolean storedImage) {
        String id = end.id();
        boolean cancelled = live.isCancelled(id);
        JobState last = cancelled && end.status() != JobStatus.CANCELLED ? end.cancelled(clock.instant()) : end;
        live.finish(last, last.status() == JobStatus.SUCCEEDED ? mesh : null);
        try {
            store.write(last);
            if (storedImage) {
                store.deleteImage(id);
            }
        } catch (RuntimeException e) {
            // the stale-job sweep finishes it later; never left running for ever
            log.warn("job {}: storing its final state failed: {}", id, e.getMessage());
        } finally {
            live.remove(id);
        }
        finished(last.status()).increment();
        log.info("job {} {}{}", id, last.status().label(), last.meshId() != null ? " → mesh " + last.meshId() : "");
    }

    private ConcurrencyLimiter.Permit acquire(String id, Slot slot, CompletableFuture<Boolean> admission) {
        long backoff = 20;
        while (true) {
            try {
                return limiter.acquire();
            } catch (SaturatedException e) {
                if (slot == Slot.NOW) {
                    throw e;
                }
            }
            if (live.isCancelled(id) || dropped(admission)) {
                return null;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a generation slot", e);
            }
            backoff = Math.min(backoff * 2, 250);
        }
    }

    /** A broker delivery that cannot finish now (store down, engine not ready): queued again, then redelivered. */
    private void requeue(String id, ProgressWriter progress) {
        progress.close();
        try {
            store.read(id).filter(s -> !s.status().terminal())
                    .ifPresent(s -> store.write(s.requeued(clock.instant())));
        } catch (RuntimeException e) {
            log.debug("job {}: could not store it as queued again: {}", id, e.getMessage());
        } finally {
            live.remove(id);
        }
    }

    private byte[] storedImage(String id) {
        return store.image(id).orElseThrow(() -> new IllegalStateException("the image of job " + id + " is gone"))
                .bytes();
    }

    /** Thrown out of the engine at a stage boundary once the job is cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    static boolean retryable(RuntimeException e) {
        return e instanceof SaturatedException || e instanceof EngineNotReadyException
                || e instanceof StorageUnavailableException;
    }

}
