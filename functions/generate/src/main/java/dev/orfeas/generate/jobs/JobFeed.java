package dev.orfeas.generate.jobs;

import java.util.function.Predicate;

/**
 * Follows one job for an SSE or WebSocket client: its current document at once, then a new one whenever its
 * status or progress changes, until it ends. A job running in this process wakes the follower as each stage ends
 * ({@link LiveJobs}); a job running elsewhere is polled from the store, backing off from 50 ms to 1 s while
 * nothing changes.
 */
final class JobFeed {

    static final long MIN_POLL_MILLIS = 50;
    static final long MAX_POLL_MILLIS = 1_000;

    private final JobService jobs;
    private final LiveJobs live;

    JobFeed(JobService jobs, LiveJobs live) {
        this.jobs = jobs;
        this.live = live;
    }

    /**
     * Blocks until the job ends, the client is gone ({@code send} answers false) or the thread is interrupted.
     *
     * @param send delivers one document; false when the client cannot take it any more
     */
    void follow(String id, Predicate<JobDocument> send) {
        JobState last = null;
        long poll = MIN_POLL_MILLIS;
        try {
            while (true) {
                long seen = live.version();
                JobState now = jobs.current(id).orElse(null);
                if (now == null) {
                    return; // swept meanwhile
                }
                if (!now.sameProgress(last)) {
                    if (!send.test(jobs.document(now))) {
                        return;
                    }
                    last = now;
                    poll = MIN_POLL_MILLIS;
                } else {
                    poll = Math.min(poll * 2, MAX_POLL_MILLIS);
                }
                if (now.status().terminal()) {
                    return;
                }
                live.awaitChange(seen, poll);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
