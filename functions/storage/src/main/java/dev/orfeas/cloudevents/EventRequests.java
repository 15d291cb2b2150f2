package dev.orfeas.cloudevents;

import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents over a servlet request, as both apps receive them: the header map, the CloudEvent check, the body
 * read with a cap (a larger one is refused, never read whole into the heap) and the reply. The apps turn
 * {@link TooLargeException} into 413 and {@link IllegalArgumentException} into their "invalid event" problem.
 */
public final class EventRequests {

    /** The body cap both apps use for a CloudEvent (events are references, not payloads). */
    public static final int MAX_BYTES = 1 << 20;

    private EventRequests() {
    }

    /** The request's headers, one value each (CloudEvents attributes never repeat). */
    public static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }

    /** True when the request carries a CloudEvent in either mode. */
    public static boolean isCloudEvent(HttpServletRequest request) {
        return CloudEventCodec.isCloudEvent(headers(request));
    }

    /** True when the event came in binary mode (a reply goes back the same way). */
    public static boolean isBinary(Map<String, String> headers) {
        return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("ce-specversion"));
    }

    /**
     * Reads the request's event, its body capped at {@code maxBytes}.
     *
     * @throws TooLargeException        when the body is larger
     * @throws IllegalArgumentException when it is not a valid CloudEvent
     */
    public static CloudEvent read(HttpServletRequest request, Map<String, String> headers, int maxBytes)
            throws IOException {
        return CloudEventCodec.read(headers, body(request, maxBytes));
    }

    /** The body, at most {@code maxBytes}; the cap is checked before reading and while reading. */
    public static byte[] body(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            return body;
        }
    }

    /** A 200 reply carrying {@code event} (binary or structured), and no header of the request. */
    public static ResponseEntity<byte[]> reply(CloudEvent event, boolean structured) {
        var encoded = CloudEventCodec.write(event, structured);
        HttpHeaders headers = new HttpHeaders();
        encoded.headers().forEach(headers::set);
        return ResponseEntity.ok().headers(headers).body(encoded.body());
    }

    /** The body is over the cap. */
    public static class TooLargeException extends RuntimeException {

        private final int maxBytes;

        TooLargeException(int maxBytes) {
            super("a CloudEvent body here is at most " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public int maxBytes() {
            return maxBytes;
        }
    }
}
