package dev.orfeas.generate.problem;

import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.web.ProblemType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** RFC 9457 problem details with stable type URIs (listed in docs/http-api.md). */
public enum Problems implements ProblemType {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "The request is malformed"),
    UNDECODABLE(HttpStatus.BAD_REQUEST, "undecodable-image", "The image cannot be decoded"),
    BAD_OPTIONS(HttpStatus.BAD_REQUEST, "invalid-options", "An option is out of range"),
    BAD_EVENT(HttpStatus.BAD_REQUEST, "invalid-event", "The CloudEvent is invalid"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid API key is required"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "The request body arrived too slowly"),
    JOB_FINISHED(HttpStatus.CONFLICT, "job-finished", "The job has finished already"),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "image-too-large", "The image is too large"),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is too large"),
    UNSUPPORTED_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-image-type", "The image type is not supported"),
    NO_FOREGROUND(HttpStatus.UNPROCESSABLE_CONTENT, "no-foreground", "The image holds no object to model"),
    IMAGE_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "image-rejected", "The image cannot be made into a mesh"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests from this client"),
    SATURATED(HttpStatus.TOO_MANY_REQUESTS, "saturated", "All generation slots are busy"),
    QUEUE_FULL(HttpStatus.TOO_MANY_REQUESTS, "queue-full", "The job queue is full"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error"),
    NOT_READY(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", "The engine is not ready"),
    DRAINING(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down", "The instance is shutting down"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "The object store is unavailable"),
    SINK_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "sink-unavailable", "The event broker did not take the job"),
    JOB_INTERRUPTED(HttpStatus.SERVICE_UNAVAILABLE, "job-interrupted",
            "The process running the job stopped before it finished; submit it again");

    private final Kind kind;

    Problems(HttpStatus status, String slug, String title) {
        this.kind = new Kind(status, slug, title);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The catalogue entry for an image the engine refused (also the {@code reason} of {@code mesh.failed}). */
    public static Problems forRejection(ImageRejectedException rejection) {
        return switch (rejection) {
            case ImageRejectedException.Undecodable u -> UNDECODABLE;
            case ImageRejectedException.TooLarge t -> TOO_LARGE;
            case ImageRejectedException.UnsupportedType u -> UNSUPPORTED_TYPE;
            case ImageRejectedException.NoForeground n -> NO_FOREGROUND;
            default -> IMAGE_REJECTED;
        };
    }

    /** For filters, which run outside the MVC advice. */
    public void write(HttpServletResponse response, JsonMapper json, String detail, Long retryAfterSeconds)
            throws IOException {
        response.setStatus(status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        json.writeValue(response.getOutputStream(), detail(detail));
    }
}
