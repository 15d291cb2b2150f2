package dev.orfeas.events.adapter;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.TokenFile;
import io.cloudevents.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;

/**
 * POSTs a CloudEvent to the sink (binary mode unless configured otherwise) and classifies the answer: 2xx is a
 * delivery; 408, 429, 5xx, a timeout or no answer are {@linkplain DeliveryException#permanent() retryable}; any
 * other 4xx is permanent (the sink will never take this event: redelivering it would loop). A 429 or 503 with
 * {@code Retry-After} is waited out and retried here while the notification's {@link RetryBudget} lasts, so a
 * fan-out throttled by generate's rate limit advances instead of failing the whole notification. The reply body
 * (a generate reply event) is not forwarded.
 */
public class SinkClient {

    private static final Logger log = LoggerFactory.getLogger(SinkClient.class);

    private final HttpClient http;
    private final SinkProperties properties;
    private final TokenFile tokenFile;

    public SinkClient(HttpClient http, SinkProperties properties) {
        this.http = http;
        this.properties = properties;
        this.tokenFile = properties.tokenFile() == null ? null : new TokenFile(properties.tokenFile());
    }

    public URI target() {
        return properties.target();
    }

    /** True when events go straight to the generate function (no {@code K_SINK} broker). */
    public boolean targetsGenerate() {
        return !properties.hasSink();
    }

    public void deliver(CloudEvent event, RetryBudget budget) {
        var encoded = CloudEventCodec.write(event, properties.structured());
        var builder = HttpRequest.newBuilder(properties.target()).timeout(properties.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(builder::header);
        if (!properties.hasSink() && properties.apiKey() != null && !properties.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + properties.apiKey());
        } else if (properties.hasSink() && tokenFile != null) {
            builder.header("Authorization", "Bearer " + senderToken());
        }
        HttpRequest request = builder.build();
        while (true) {
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new DeliveryException("sink " + properties.target() + " unreachable: " + e.getMessage(), 0,
                        false, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted delivering to " + properties.target(), 0, false, null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                return;
            }
            OptionalLong retryAfter = retryAfterSeconds(response);
            boolean throttled = status == 429 || status == 503;
            if (throttled && budget.take(retryAfter.orElse(1))) {
                log.debug("sink answered {} for event {}; retrying after {} s", status, event.getId(),
                        retryAfter.orElse(1));
                continue;
            }
            boolean permanent = status >= 400 && status <= 499 && status != 408 && status != 429;
            throw new DeliveryException("sink " + properties.target() + " answered " + status, status, permanent,
                    retryAfter.isPresent() ? retryAfter.getAsLong() : null, null);
        }
    }

    /** The OIDC sender token (re-read when the kubelet rotates it). Unreadable: retryable, never sent without. */
    private String senderToken() {
        try {
            return tokenFile.read();
        } catch (TokenFile.UnreadableException e) {
            throw new DeliveryException("sender " + e.getMessage(), 0, false, null, e);
        }
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is not used by our services and is ignored). */
    private static OptionalLong retryAfterSeconds(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,9}"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    /**
     * The sink did not take the event.
     *
     * @param status     the sink's HTTP status, 0 when it did not answer
     * @param permanent  the sink will never take it (a 4xx other than 408/429): record it, do not retry
     * @param retryAfter the sink's {@code Retry-After} in seconds, when it sent one
     */
    public static class DeliveryException extends RuntimeException {

        private final int status;
        private final boolean permanent;
        private final Long retryAfter;

        public DeliveryException(String message, int status, boolean permanent, Long retryAfter, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.permanent = permanent;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public boolean permanent() {
            return permanent;
        }

        public Long retryAfter() {
            return retryAfter;
        }
    }
}
