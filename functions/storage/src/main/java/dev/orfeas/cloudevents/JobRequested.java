package dev.orfeas.cloudevents;

/**
 * Data of a {@code dev.orfeas.job.requested} event: the job to run. Its state and image are in the meshes bucket
 * ({@code jobs/<jobId>.json}, {@code jobs/<jobId>.image}), so the event itself stays small.
 *
 * @param jobId the job's id (32 lower-case hex digits)
 */
public record JobRequested(String jobId) {
}
