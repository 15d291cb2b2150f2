package dev.orfeas.generate.jobs;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code jobs/<id>.json} in the meshes bucket holds, written whole each time. Beyond what the job document
 * shows it keeps who owns the job (a hash of the API key, never the key) and which process runs it.
 *
 * @param stage       the last pipeline stage finished (null before the first)
 * @param percent     that stage's share of the work (as /generate's progress events)
 * @param timings     milliseconds: queued, lookup, engine, store, total
 * @param contentType the image's media type as sent
 * @param owner       {@code key:<hash prefix>} of the API key that submitted it, {@code open} without keys
 * @param instance    the instance that runs it (orfeas.jobs.instance), null while queued for the broker
 * @param boot        the process of that instance (random per start)
 * @param meshId      on success
 * @param cached      on success: the mesh was stored already
 * @param problem     on failure: the problem+json object /generate would have answered
 */
public record JobState(String id, JobStatus status, String stage, int percent, Instant submittedAt,
                       Instant startedAt, Instant finishedAt, Instant updatedAt, Map<String, Double> timings,
                       JobOptions options, String name, String contentType, String owner, String instance,
                       String boot, String meshId, boolean cached, JsonNode problem) {

    public JobState {
        timings = timings == null ? Map.of() : Map.copyOf(timings);
    }

    /** @param instance the process that will run it (null: the broker delivers it to some replica) */
    static JobState queued(String id, JobOptions options, String name, String contentType, String owner,
                           String instance, String boot, Instant now) {
        return new JobState(id, JobStatus.QUEUED, null, 0, now, null, null, now, Map.of(), options, name,
                contentType, owner, instance, boot, null, false, null);
    }

    JobState running(String runner, String process, Instant now) {
        Map<String, Double> t = new LinkedHashMap<>(timings);
        t.put("queued", (double) (now.toEpochMilli() - submittedAt.toEpochMilli()));
        return new JobState(id, JobStatus.RUNNING, stage, percent, submittedAt, now, null, now, t, options, name,
                contentType, owner, runner, process, null, false, null);
    }

    JobState progressed(String newStage, int newPercent, Instant now) {
        return new JobState(id, status, newStage, newPercent, submittedAt, startedAt, finishedAt, now, timings,
                options, name, contentType, owner, instance, boot, meshId, cached, problem);
    }

    /** Back in the queue (the broker redelivers it later). */
    JobState requeued(Instant now) {
        return new JobState(id, JobStatus.QUEUED, null, 0, submittedAt, null, null, now, timings, options, name,
                contentType, owner, null, null, null, false, null);
    }

    JobState succeeded(String mesh, boolean wasCached, Map<String, Double> outcomeTimings, Instant now) {
        Map<String, Double> t = new LinkedHashMap<>(timings);
        t.putAll(outcomeTimings);
        t.put("total", (double) (now.toEpochMilli() - submittedAt.toEpochMilli()));
        return new JobState(id, JobStatus.SUCCEEDED, stage == null ? "report" : stage, 100, submittedAt,
                startedAt == null ? now : startedAt, now, now, t, options, name, contentType, owner, instance, boot,
                mesh, wasCached, null);
    }

    JobState failed(JsonNode why, Instant now) {
        return finished(JobStatus.FAILED, why, now);
    }

    JobState cancelled(Instant now) {
        return finished(JobStatus.CANCELLED, null, now);
    }

    private JobState finished(JobStatus end, JsonNode why, Instant now) {
        Map<String, Double> t = new LinkedHashMap<>(timings);
        t.put("total", (double) (now.toEpochMilli() - submittedAt.toEpochMilli()));
        return new JobState(id, end, stage, percent, submittedAt, startedAt, now, now, t, options, name,
                contentType, owner, instance, boot, null, false, why);
    }

    /** Same status and progress: nothing new to tell a follower. */
    boolean sameProgress(JobState other) {
        return other != null && status == other.status && percent == other.percent
                && java.util.Objects.equals(stage, other.stage);
    }
}
