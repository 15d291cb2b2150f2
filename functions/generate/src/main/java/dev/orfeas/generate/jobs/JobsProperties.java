package dev.orfeas.generate.jobs;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Asynchronous jobs ({@code POST /jobs}).
 *
 * @param queueLength  jobs waiting in this process beyond the running ones; more get 429 + Retry-After
 * @param workers      jobs this process runs at once (each still takes a generation slot)
 * @param ttl          how long a finished job's document is kept
 * @param staleAfter   a queued or running job not updated for this long is finished as failed (its runner died)
 * @param sweepInterval how often expired and stale jobs are swept
 * @param instance     this instance's name: on start, its jobs left unfinished by a previous process are failed
 * @param sink         Knative's {@code $K_SINK}: when set, jobs are sent there as job.requested events instead of
 *                     running in this process
 * @param sinkTimeout  how long the sink may take to accept an event
 * @param sinkTokenFile a file with a bearer token for the sink (a projected service-account token with the broker's
 *                     OIDC audience); re-read when the kubelet rotates it; unset: no token is sent
 * @param keepAlive    an event stream or WebSocket quiet for this long gets a keep-alive (SSE comment, ping)
 */
@Validated
@ConfigurationProperties("orfeas.jobs")
public record JobsProperties(
        @Min(0) @Max(10_000) @DefaultValue("16") int queueLength,
        @Min(1) @Max(256) @DefaultValue("2") int workers,
        @NotNull @DefaultValue("24h") Duration ttl,
        @NotNull @DefaultValue("15m") Duration staleAfter,
        @NotNull @DefaultValue("5m") Duration sweepInterval,
        @NotBlank @DefaultValue("local") String instance,
        URI sink,
        @NotNull @DefaultValue("10s") Duration sinkTimeout,
        Path sinkTokenFile,
        @NotNull @DefaultValue("15s") Duration keepAlive) {

    public boolean hasSink() {
        return sink != null && !sink.toString().isBlank();
    }

    @AssertTrue(message = "sink must be an http or https URL")
    public boolean isSinkHttp() {
        return !hasSink() || (("http".equals(sink.getScheme()) || "https".equals(sink.getScheme()))
                && sink.getHost() != null);
    }

    @AssertTrue(message = "ttl, stale-after, sweep-interval and keep-alive must be positive")
    public boolean isDurationsPositive() {
        return ttl == null || staleAfter == null || sweepInterval == null || keepAlive == null
                || (ttl.isPositive() && staleAfter.isPositive() && sweepInterval.isPositive()
                && keepAlive.isPositive());
    }
}
