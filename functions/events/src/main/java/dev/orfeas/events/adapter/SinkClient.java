package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.CloudEventCodec;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * POSTs a CloudEvent to the sink (binary mode unless configured otherwise). A 2xx answer is a delivery; anything
 * else, or no answer, is a {@link DeliveryException}. The reply body (a generate reply event) is not forwarded.
 */
public class SinkClient {

    private final HttpClient http;
    private final SinkProperties properties;

    public SinkClient(HttpClient http, SinkProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    public URI target() {
        return properties.target();
    }

    public void deliver(CloudEvent event) {
        var encoded = CloudEventCodec.write(event, properties.structured());
        var request = HttpRequest.newBuilder(properties.target()).timeout(properties.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        if (!properties.hasSink() && properties.apiKey() != null && !properties.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + properties.apiKey());
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new DeliveryException("sink " + properties.target() + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted delivering to " + properties.target(), e);
        }
        if (status < 200 || status > 299) {
            throw new DeliveryException("sink " + properties.target() + " answered " + status, null);
        }
    }

    /** The sink did not take the event; the caller reports a retryable failure. */
    public static class DeliveryException extends RuntimeException {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
