package dev.orfeas.events.web;

import dev.orfeas.web.ProblemType;
import org.springframework.http.HttpStatus;

/** RFC 9457 problem details of the events app, with stable type URIs (listed in docs/events.md). */
public enum Problems implements ProblemType {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "The request is malformed"),
    BAD_NOTIFICATION(HttpStatus.BAD_REQUEST, "invalid-notification", "The bucket notification is invalid"),
    BAD_EVENT(HttpStatus.BAD_REQUEST, "invalid-event", "The CloudEvent is invalid"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required"),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token", "The bearer token is not valid"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "This operation is disabled"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource"),
    NO_MANIFEST(HttpStatus.NOT_FOUND, "no-manifest", "No such backup manifest"),
    NO_BUCKET(HttpStatus.NOT_FOUND, "no-bucket", "No such bucket"),
    BAD_MANIFEST(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-manifest", "The backup manifest is malformed"),
    RESTORE_INCOMPLETE(HttpStatus.UNPROCESSABLE_CONTENT, "restore-incomplete",
            "Some objects could not be restored"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is too large"),
    UNSUPPORTED_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The content type is not supported"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error"),
    SINK_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "sink-unavailable", "The event sink did not take an event"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "The object store is unavailable"),
    KEYS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "token-keys-unavailable",
            "The token issuer's keys cannot be fetched");

    private final Kind kind;

    Problems(HttpStatus status, String slug, String title) {
        this.kind = new Kind(status, slug, title);
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
