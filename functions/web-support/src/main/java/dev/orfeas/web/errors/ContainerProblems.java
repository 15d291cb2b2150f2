package dev.orfeas.web.errors;

import dev.orfeas.web.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Map;

/**
 * The problem an error the container (Tomcat, the servlet's own {@code sendError}) produces maps to: the same
 * slugs and titles as the apps' catalogues ({@code bad-request}, {@code not-found}, {@code method-not-allowed},
 * {@code body-too-large}, {@code internal}, …), so a client never sees Tomcat's HTML page or Boot's default JSON.
 */
public final class ContainerProblems {

    private record Entry(String slug, String title) {
    }

    private static final Map<Integer, Entry> BY_STATUS = Map.ofEntries(
            Map.entry(400, new Entry("bad-request", "The request is malformed")),
            Map.entry(401, new Entry("unauthorized", "A valid API key is required")),
            Map.entry(404, new Entry("not-found", "No such resource")),
            Map.entry(405, new Entry("method-not-allowed", "Method not allowed")),
            Map.entry(406, new Entry("not-acceptable", "No acceptable representation")),
            Map.entry(408, new Entry("request-timeout", "The request was not received in time")),
            Map.entry(413, new Entry("body-too-large", "The request body is too large")),
            Map.entry(414, new Entry("uri-too-long", "The request target is too long")),
            Map.entry(415, new Entry("unsupported-media-type", "The content type is not supported")),
            Map.entry(431, new Entry("headers-too-large", "The request headers are too large")),
            Map.entry(501, new Entry("not-implemented", "The request uses a feature this server does not implement")),
            Map.entry(503, new Entry("unavailable", "The service is unavailable")));

    private ContainerProblems() {
    }

    /**
     * The problem for a status the container set. The container's message is kept for a 4xx (it says what was
     * wrong with the request: "Invalid chunk header") and dropped for a 5xx (it may describe internals).
     */
    public static ProblemDetail of(int status, String message) {
        Entry entry = BY_STATUS.get(status);
        if (entry == null) {
            entry = status >= 500 ? new Entry("internal", "Internal error")
                    : new Entry("bad-request", "The request is malformed");
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        if (httpStatus == null) {
            httpStatus = status >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String detail = status < 500 && message != null && !message.isBlank()
                ? clean(message) : defaultDetail(httpStatus);
        return ProblemDetails.of(httpStatus, ProblemDetails.type(entry.slug()), entry.title(), detail);
    }

    private static String defaultDetail(HttpStatus status) {
        return status.is5xxServerError() ? "unexpected error; quote the request id when reporting it"
                : status.getReasonPhrase();
    }

    /** Control characters out, length bounded: the message may quote the request. */
    static String clean(String message) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), 200));
        for (int i = 0; i < message.length() && out.length() < 200; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    /** The problem as JSON text, for writers without a message converter (the Tomcat valve). */
    static String json(ProblemDetail problem) {
        StringBuilder out = new StringBuilder("{");
        field(out, "type", String.valueOf(problem.getType()));
        field(out, "title", problem.getTitle());
        out.append("\"status\":").append(problem.getStatus()).append(',');
        field(out, "detail", problem.getDetail());
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> field(out, name, String.valueOf(value)));
        }
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        out.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append("\",");
    }
}
