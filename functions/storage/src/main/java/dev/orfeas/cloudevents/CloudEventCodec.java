package dev.orfeas.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudEvents 1.0 over HTTP, both modes: binary ({@code ce-*} headers + data as the body) and structured
 * ({@code application/cloudevents+json} body). Built on the CloudEvents SDK so the spec's details (percent-encoded
 * header values, {@code data_base64}, extension names) are handled by maintained code.
 */
public final class CloudEventCodec {

    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private CloudEventCodec() {
    }

    /** True when the request carries a CloudEvent in either mode. */
    public static boolean isCloudEvent(Map<String, String> headers) {
        Map<String, String> h = caseInsensitive(headers);
        String contentType = h.getOrDefault("content-type", "");
        return h.containsKey("ce-specversion") || contentType.startsWith("application/cloudevents");
    }

    /**
     * Reads an event from HTTP headers and body.
     *
     * @throws IllegalArgumentException when it is not a valid CloudEvent
     */
    public static CloudEvent read(Map<String, String> headers, byte[] body) {
        try {
            return HttpMessageFactory.createReader(caseInsensitive(CeHeaders.decode(headers)), body).toEvent();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid CloudEvent: " + e.getMessage(), e);
        }
    }

    /** Writes an event for an HTTP message (a reply or a request). */
    public static Encoded write(CloudEvent event, boolean structured) {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        var writer = HttpMessageFactory.createWriter(headers::put, bytes -> body.writeBytes(bytes));
        if (structured) {
            writer.writeStructured(event, JSON);
        } else {
            writer.writeBinary(event);
        }
        return new Encoded(CeHeaders.encode(headers), body.toByteArray());
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }

    /** HTTP headers and body of an encoded event. */
    public record Encoded(Map<String, String> headers, byte[] body) {
    }
}
