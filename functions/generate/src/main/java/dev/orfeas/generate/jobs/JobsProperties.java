package dev.orfeas.generate.jobs;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("orfeas.jobs")
public record JobsProperties(
        @DefaultValue("16") int queueLength,
        @DefaultValue("2") int workers,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("15m") Duration staleAfter,
        @DefaultValue("5m") Duration sweepInterval,
        @DefaultValue("local") String instance,
        URI sink,
        @DefaultValue("10s") Duration sinkTimeout,
        Path sinkTokenFile,
        @DefaultValue("15s") Duration keepAlive) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.range("queueLength", queueLength, 0, 10_000).range("workers", workers, 1, 256)
                .positive("ttl", ttl).positive("staleAfter", staleAfter).positive("sweepInterval", sweepInterval)
                .notBlank("instance", instance)
                .require("sink", isSinkHttp(), "must be an http or https URL")
                .positive("sinkTimeout", sinkTimeout).positive("keepAlive", keepAlive);
    }

    public boolean hasSink() {
        return sink != null && !sink.toString().isBlank();
    }

    public boolean isSinkHttp() {
        return !hasSink() || (("http".equals(sink.getScheme()) || "https".equals(sink.getScheme()))
                && sink.getHost() != null);
    }
}
