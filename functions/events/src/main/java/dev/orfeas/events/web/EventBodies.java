package dev.orfeas.events.web;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/** Reads an incoming CloudEvent body, refusing (413) rather than truncating one over 1 MiB. */
public final class EventBodies {

    public static final int MAX_BYTES = 1 << 20;

    private EventBodies() {
    }

    public static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(Problems.TOO_LARGE, "a CloudEvent body here is at most " + MAX_BYTES + " bytes");
    }
}
