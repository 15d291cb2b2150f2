package dev.orfeas.generate.jobs;

import dev.orfeas.generate.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the stored jobs honest: a job that this instance left queued or running in an earlier process (a crash,
 * kill -9) is finished as failed with {@code job-interrupted} at start; a queued or running job nobody has updated
 * for {@code stale-after} (its runner died elsewhere) likewise; a finished job older than {@code ttl} is deleted.
 * Never a job "running" for ever.
 */
final class JobSweeper {

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);

    private final JobStore store;
    private final LiveJobs live;
    private final JsonMapper json;
    private final Clock clock;
    private final JobsProperties properties;
    private final String boot;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    JobSweeper(JobStore store, LiveJobs live, JsonMapper json, Clock clock, JobsProperties properties, String boot) {
        this.store = store;
        this.live = live;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.boot = boot;
    }

    /** Sweeps when the last sweep is older than {@code sweep-interval} (cheap to call often); never throws. */
    void sweepIfDue() {
        Instant last = lastSweep.get();
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(properties.sweepInterval()) >= 0
                && lastSweep.compareAndSet(last, now)) {
            try {
                sweep();
            } catch (RuntimeException e) {
                // the store is away: try again next interval (a failure here must not end the timer or a delivery)
                log.warn("job sweep failed: {}", e.getMessage());
            }
        }
    }

    /**
     * The start-up sweep: a store that cannot be reached now must not stop the app (the image build trains it
     * without one; on a cluster the store may come up later) — the periodic sweep catches up.
     */
    void sweepAtStart() {
        try {
            sweep();
        } catch (RuntimeException e) {
            lastSweep.set(Instant.EPOCH);
            log.warn("job sweep at start failed (retried every sweep-interval): {}", e.getMessage());
        }
    }

    /** @return how many jobs were finished as interrupted or deleted */
    int sweep() {
        lastSweep.set(clock.instant());
        int changed = 0;
        for (String id : store.ids()) {
            try {
                changed += sweep(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("sweeping job {} failed: {}", id, e.getMessage());
            }
        }
        if (changed > 0) {
            log.info("job sweep: {} jobs interrupted or expired", changed);
        }
        return changed;
    }

    private boolean sweep(String id) {
        if (live.get(id).isPresent()) {
            return false;
        }
        JobState state = store.read(id).orElse(null);
        if (state == null) {
            return false;
        }
        Instant now = clock.instant();
        if (state.status().terminal()) {
            if (state.finishedAt() != null && state.finishedAt().plus(properties.ttl()).isBefore(now)) {
                store.delete(id);
                return true;
            }
            return false;
        }
        boolean orphaned = orphaned(state);
        boolean stale = state.updatedAt() != null && state.updatedAt().plus(properties.staleAfter()).isBefore(now);
        if (orphaned || stale) {
            interrupt(state, orphaned ? PROCESS_STOPPED : "no progress for "
                    + properties.staleAfter().toMinutes() + " min");
            return true;
        }
        return false;
    }

    private static final String PROCESS_STOPPED = "the process running it stopped";

    /** Queued or run by this instance in an earlier process (a crash, kill -9): nobody will ever finish it. */
    private boolean orphaned(JobState state) {
        return properties.instance().equals(state.instance()) && state.boot() != null && !boot.equals(state.boot());
    }

    /**
     * A stored job as it really stands: one this instance left unfinished in an earlier process is failed now, so
     * a client never sees it "running" while the sweep after a restart has not reached it yet.
     */
    JobState settled(JobState stored) {
        if (!stored.status().terminal() && orphaned(stored) && live.get(stored.id()).isEmpty()) {
            return interrupt(stored, PROCESS_STOPPED);
        }
        return stored;
    }

    /** Stores the job as failed with {@code job-interrupted}, and drops its image. */
    JobState interrupt(JobState state, String why) {
        JobState failed = state.failed(ProblemJson.of(Problems.JOB_INTERRUPTED.detail(why), json), clock.instant());
        store.write(failed);
        store.deleteImage(state.id());
        log.info("job {} ({}) failed: {}", state.id(), state.status().label(), why);
        return failed;
    }

    void interrupt(String id, String why) {
        store.read(id).filter(s -> !s.status().terminal()).ifPresent(s -> interrupt(s, why));
    }
}
