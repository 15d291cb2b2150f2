package dev.orfeas.generate.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orfeas.generate.api.MeshView;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * The job as clients see it ({@code GET /jobs/{id}}, every SSE {@code job} event and WebSocket message).
 *
 * @param meshId  on success
 * @param result  on success: the MeshView {@code POST /generate} answers as JSON, with fresh presigned links
 * @param problem on failure: the problem+json object {@code POST /generate} would have answered
 */
public record JobDocument(String id, JobStatus status, Progress progress, Instant submittedAt, Instant startedAt,
                          Instant finishedAt, Map<String, Double> timings, JobOptions options, String name,
                          Links links,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String meshId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) MeshView result,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode problem) {

    /** @param stage the last stage finished, named as /generate's progress events (null before the first) */
    public record Progress(String stage, int percent) {
    }

    public record Links(String self, String events, String ws) {
    }

    static String self(String id) {
        return "/jobs/" + id;
    }

    static JobDocument of(JobState state, MeshView result) {
        String self = self(state.id());
        return new JobDocument(state.id(), state.status(), new Progress(state.stage(), state.percent()),
                state.submittedAt(), state.startedAt(), state.finishedAt(), state.timings(), state.options(),
                state.name(), new Links(self, self + "/events", self + "/ws"), state.meshId(), result,
                state.problem());
    }
}
