package dev.orfeas.generate.jobs;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Follows one job for an SSE or WebSocket client: its current document at once, then a new one whenever its
 * status or progress changes, until it ends. A job held in this process wakes the follower as each stage ends and
 * every stage is sent ({@link LiveJobs#history}); a job running elsewhere is polled from the store (the latest
 * state), backing off from 50 ms to 1 s while nothing changes. A job that stays queued or between stages for
 * the keep-alive interval gets a keep-alive, so proxies (nginx: 300 s) and clients do not take the quiet stream for
 * a dead one.
 */
final class JobFeed {

    static final long MIN_POLL_MILLIS = 50;
    static final long MAX_POLL_MILLIS = 1_000;

    private final JobService jobs;
    private final LiveJobs live;
    private final long keepAliveNanos;

    JobFeed(JobService jobs, LiveJobs live, Duration keepAlive) {
        this.jobs = jobs;
        this.live = live;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /**
     * Blocks until the job ends, the client is gone ({@code send} answers false) or the thread is interrupted.
     *
     * @param send      delivers one document; false when the client cannot take it any more
     * @param keepAlive sends a keep-alive (an SSE comment, a WebSocket ping); false when the client is gone
     */
    void follow(String id, Predicate<JobDocument> send, BooleanSupplier keepAlive) {
        JobState last = null;
        long lastSent = System.nanoTime();
        int seenHere = -1; // states of this process's history already passed over (-1: none yet)
        long poll = MIN_POLL_MILLIS;
        try {
            while (true) {
                long seen = live.version();
                List<JobState> here = live.history(id);
                List<JobState> next;
                if (!here.isEmpty()) {
                    // running here: every state since the last one sent (at first, only the current one)
                    next = seenHere < 0 ? List.of(here.getLast()) : here.subList(Math.min(seenHere, here.size()),
                            here.size());
                    seenHere = here.size();
                } else {
                    JobState stored = jobs.current(id).orElse(null);
                    if (stored == null) {
                        return; // swept meanwhile
                    }
                    next = List.of(stored);
                }
                boolean sent = false;
                for (JobState now : next) {
                    if (!now.sameProgress(last)) {
                        if (!send.test(jobs.document(now))) {
                            return;
                        }
                        last = now;
                        sent = true;
                    }
                }
                if (sent) {
                    lastSent = System.nanoTime();
                } else if (System.nanoTime() - lastSent >= keepAliveNanos) {
                    if (!keepAlive.getAsBoolean()) {
                        return;
                    }
                    lastSent = System.nanoTime();
                }
                poll = sent ? MIN_POLL_MILLIS : Math.min(poll * 2, MAX_POLL_MILLIS);
                if (last != null && last.status().terminal()) {
                    return;
                }
                live.awaitChange(seen, poll);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
