package dev.orfeas.events.web;

import dev.orfeas.events.CloudEventCodec;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the CloudEvent of a request (binary or structured mode); a malformed one is a 400 problem. */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /** The request's headers, one value each (CloudEvents attributes never repeat). */
    public static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }

    public static CloudEvent read(HttpServletRequest request, Map<String, String> headers) throws IOException {
        try {
            return CloudEventCodec.read(headers, EventBodies.read(request));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_EVENT, e.getMessage());
        }
    }
}
