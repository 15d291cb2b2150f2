package dev.orfeas.generate.jobs;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.JobRequested;
import dev.orfeas.cloudevents.TokenFile;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * On Knative ({@code K_SINK} set by a SinkBinding): a submitted job becomes a {@code dev.orfeas.job.requested}
 * CloudEvent (binary mode) to the broker, whose Trigger delivers it to generate-events, which runs it inside that
 * delivery's request. A non-2xx answer or no answer is a {@link SinkException}. With a token file (a projected
 * service-account token with the broker's audience, for Knative Eventing's OIDC sender identity) each event carries
 * {@code Authorization: Bearer}; a token file that cannot be read is a {@link SinkException} too (the submission
 * answers 503), never an event sent without it.
 */
final class JobSink {

    static final URI SOURCE = URI.create("/orfeas/generate/jobs");

    private final HttpClient http;
    private final URI target;
    private final Duration timeout;
    private final TokenFile token;

    /** @param token the sender token's file, or null to send none (OIDC off) */
    JobSink(HttpClient http, URI target, Duration timeout, TokenFile token) {
        this.http = http;
        this.target = target;
        this.timeout = timeout;
        this.token = token;
    }

    void emit(String jobId) {
        var event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(SOURCE)
                .withType(EventTypes.JOB_REQUESTED).withSubject(jobId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData(EventData.JSON, EventData.write(new JobRequested(jobId))).build();
        var encoded = CloudEventCodec.write(event, false);
        var request = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        if (token != null) {
            try {
                request.header("Authorization", "Bearer " + token.read());
            } catch (TokenFile.UnreadableException e) {
                throw new SinkException("the sink's " + e.getMessage());
            }
        }
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SinkException("the sink is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while sending the job");
        }
        if (status < 200 || status > 299) {
            throw new SinkException("the sink answered " + status);
        }
    }

    static final class SinkException extends RuntimeException {
        SinkException(String message) {
            super(message);
        }
    }
}
