package dev.orfeas.generate.jobs;

import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.JobRequested;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code dev.orfeas.job.requested} delivery (Knative: Trigger → generate-events): runs the job inside this
 * request and answers 2xx whatever the job's own outcome — a bad image is the job's failure, stored in its
 * document, and must not make the broker retry it for ever. Only what a retry can cure (no free slot, engine not
 * ready, store down) answers 429/503, with the job back in the queued state.
 */
public class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    private final JobRunner runner;
    private final JobSweeper sweeper;

    JobEvents(JobRunner runner, JobSweeper sweeper) {
        this.runner = runner;
        this.sweeper = sweeper;
    }

    /** @throws ProblemException 400 invalid-event when the data names no job */
    public void run(CloudEvent event) {
        String id;
        try {
            id = EventData.read(event, JobRequested.class).map(JobRequested::jobId).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_EVENT, e.getMessage());
        }
        if (!JobIds.valid(id)) {
            throw new ProblemException(Problems.BAD_EVENT, "job.requested names no valid job id");
        }
        log.info("event {}: running job {}", event.getId(), id);
        runner.run(id, JobRunner.Slot.NOW);
        sweep(); // still inside the delivery's request: no background work on Knative
    }

    /** The job sweep when it is due (expired and stale jobs), on the calling request's thread; never throws. */
    public void sweep() {
        sweeper.sweepIfDue();
    }
}
