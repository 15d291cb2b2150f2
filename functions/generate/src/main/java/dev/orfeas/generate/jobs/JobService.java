package dev.orfeas.generate.jobs;

import dev.orfeas.generate.api.MeshView;
import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.generation.Futures;
import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.IdentifiedImage;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submitting, finding and cancelling jobs. A submission whose mesh is stored already succeeds at once; otherwise
 * the queued state is stored and the job goes to the local queue (the image with it, in memory) or, with a sink,
 * the image is stored too and the job goes to the broker. The local queue gets the job before the lookup and the
 * state write (one store round trip, done in parallel) and may start generating meanwhile; it publishes nothing
 * until this submission admits it.
 * A job is visible only to the key that submitted it: for any other caller it does not exist (404).
 */
public class JobService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final LiveJobs live;
    private final Engine engine;
    private final MeshService meshes;
    private final ObjectStore objects;
    private final LocalJobQueue queue;
    private final JobSink sink;
    private final JobRunner runner;
    private final JobSweeper sweeper;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter rejected;

    JobService(JobStore store, LiveJobs live, Engine engine, MeshService meshes, ObjectStore objects,
               LocalJobQueue queue, JobSink sink, JobRunner runner, JobSweeper sweeper, JsonMapper json, Clock clock,
               MeterRegistry registry) {
        this.store = store;
        this.live = live;
        this.engine = engine;
        this.meshes = meshes;
        this.objects = objects;
        this.queue = queue;
        this.sink = sink;
        this.runner = runner;
        this.sweeper = sweeper;
        this.json = json;
        this.clock = clock;
        this.rejected = Counter.builder("orfeas.jobs").tag("outcome", "rejected")
                .description("Jobs finished, by outcome").register(registry);
    }

    /**
     * @param owner {@link JobOwner#current()} of the submitting request
     * @throws ProblemException 429 queue-full (local queue) or 503 sink-unavailable (broker)
     */
    public JobDocument submit(byte[] image, String contentType, String name, GenerationOptions options,
                              String owner) {
        if (queue == null && sink == null) {
            throw new ProblemException(Problems.SINK_UNAVAILABLE, "this Knative service has no K_SINK and runs no"
                    + " jobs itself (it takes job.requested deliveries): submit jobs to the generate service", null);
        }
        String id = JobIds.next();
        JobOptions jobOptions = JobOptions.of(options);
        IdentifiedImage input = engine.identify(image, options); // hashed once: for the lookup and the local run
        String meshId = input.meshId();
        if (queue != null && !queue.tryReserve()) {
            rejected.increment();
            throw new ProblemException(Problems.QUEUE_FULL, "the job queue of this instance is full", 5L);
        }
        boolean local = queue != null;
        JobState queued = JobState.queued(id, jobOptions, name, contentType, owner,
                local ? runner.instance() : null, local ? runner.boot() : null, clock.instant());
        // the cache lookup, the state and (for the broker) the image, at once: one round trip before the 202
        CompletableFuture<Optional<MeshMeta>> lookup = CompletableFuture.supplyAsync(() -> meshes.find(meshId),
                task -> Thread.ofVirtual().name("job-lookup").start(task));
        // the local queue starts the job now, while the lookup and the state write run: it generates but publishes
        // nothing until admitted (the 202 costs the job no time), and ends silently when dropped below; its
        // generation takes this lookup's answer instead of asking the store again
        CompletableFuture<Boolean> admission = new CompletableFuture<>();
        if (local) {
            live.update(queued);
            queue.submit(queued, input, lookup, admission);
        }
        Optional<MeshMeta> stored;
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> image0 = local ? null : parallel.submit(() -> store.putImage(id, image, contentType));
            Future<?> state = parallel.submit(() -> store.write(queued));
            stored = Futures.join(lookup);
            Futures.join(state);
            if (image0 != null) {
                Futures.join(image0);
            }
        } catch (RuntimeException e) {
            admission.complete(false);
            live.remove(id);
            store.delete(id);
            throw e;
        }
        if (stored.isPresent()) {
            admission.complete(false);
            if (!local) {
                store.deleteImage(id);
            }
            JobState done = queued.succeeded(stored.get().id(), true, Map.of("queued", 0.0), clock.instant());
            store.write(done);
            live.remove(id);
            log.info("job {} → mesh {} (stored already)", id, done.meshId());
            return document(done);
        }
        if (local) {
            admission.complete(true);
            return document(live.get(id).orElse(queued));
        }
        try {
            sink.emit(id);
        } catch (JobSink.SinkException e) {
            log.warn("job {}: {}", id, e.getMessage());
            store.write(queued.failed(ProblemJson.of(Problems.SINK_UNAVAILABLE.detail(e.getMessage()), json),
                    clock.instant()));
            store.deleteImage(id);
            throw new ProblemException(Problems.SINK_UNAVAILABLE, e.getMessage(), 5L);
        }
        return document(queued);
    }

    /** The job as the owner sees it; empty when it does not exist or belongs to another key. */
    public Optional<JobState> find(String id, String owner) {
        if (!JobIds.valid(id)) {
            return Optional.empty();
        }
        return current(id).filter(s -> owner.equals(s.owner()));
    }

    /** The current state, from this process when it runs the job, else from the store (settled: see the sweeper). */
    Optional<JobState> current(String id) {
        return live.get(id).or(() -> store.read(id).map(sweeper::settled));
    }

    /**
     * Cancels a queued or running job: stored as cancelled at once; a running one stops at its next stage.
     *
     * @throws ProblemException 409 when the job has finished
     */
    public JobDocument cancel(JobState job) {
        if (job.status().terminal()) {
            throw new ProblemException(Problems.JOB_FINISHED, "job " + job.id() + " has " + job.status().label());
        }
        live.cancel(job.id());
        JobState cancelled = store.read(job.id()).orElse(job).cancelled(clock.instant());
        store.write(cancelled);
        if (live.get(job.id()).isPresent()) {
            live.update(cancelled); // this process's followers see it now; the runner stops at its next stage
        }
        if (job.status() == JobStatus.QUEUED) {
            store.deleteImage(job.id());
        }
        log.info("job {} cancelled", job.id());
        return document(cancelled);
    }

    /** Stops the local queue: running jobs finish, waiting ones are stored as interrupted. */
    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }

    /** With the mesh's fresh links on success. */
    public JobDocument document(JobState state) {
        MeshView result = null;
        if (state.status() == JobStatus.SUCCEEDED && state.meshId() != null) {
            result = live.mesh(state.id()).or(() -> meshes.find(state.meshId()))
                    .map(meta -> MeshView.of(meta, state.cached(), objects)).orElse(null);
        }
        return JobDocument.of(state, result);
    }
}
