package dev.orfeas.events.web;

import dev.orfeas.cloudevents.EventRequests;
import dev.orfeas.web.ProblemException;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Map;

/**
 * Reads the CloudEvent of a request (binary or structured mode) through {@link EventRequests}: a body over 1 MiB is
 * a 413 problem, a malformed event a 400.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static Map<String, String> headers(HttpServletRequest request) {
        return EventRequests.headers(request);
    }

    public static CloudEvent read(HttpServletRequest request, Map<String, String> headers) throws IOException {
        try {
            return EventRequests.read(request, headers, EventRequests.MAX_BYTES);
        } catch (EventRequests.TooLargeException e) {
            throw new ProblemException(Problems.TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_EVENT, e.getMessage());
        }
    }
}
