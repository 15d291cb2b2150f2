package dev.orfeas.events.notify;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Webhook notifications on {@code mesh.generated}, {@code mesh.failed} and {@code backup.*} events.
 *
 * @param targets                 webhook URLs every notification is POSTed to
 * @param allowedHosts            hosts a target may name: exact, or {@code *.example.com} for subdomains; a target
 *                                whose host is not listed is refused (never contacted)
 * @param allowPrivateAddresses   also allow targets that resolve to loopback, link-local (cloud metadata
 *                                169.254.169.254 included), wildcard or multicast addresses; off by default
 * @param secret                  HMAC-SHA256 key for {@code X-Orfeas-Signature} (never printed); empty: unsigned
 * @param maxAttempts             attempts per target before the dead letter
 * @param initialBackoff          wait after the first failure; doubles per attempt
 * @param maxBackoff              upper bound of one wait
 * @param timeout                 per attempt
 */
@ConfigurationProperties("orfeas.events.notify")
public record NotifyProperties(
        @DefaultValue List<URI> targets,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("false") boolean allowPrivateAddresses,
        String secret,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.notNull("targets", targets).require("targets", isTargetsHttp(), "targets must be http or https URLs")
                .notNull("allowedHosts", allowedHosts).range("maxAttempts", maxAttempts, 1, 20)
                .notNull("initialBackoff", initialBackoff).notNull("maxBackoff", maxBackoff)
                .require("initialBackoff", isBackoffSane(), "initial-backoff must be positive and at most max-backoff")
                .positive("timeout", timeout);
    }

    public boolean isTargetsHttp() {
        return targets == null || targets.stream().allMatch(t ->
                ("http".equals(t.getScheme()) || "https".equals(t.getScheme())) && t.getHost() != null);
    }

    public boolean isBackoffSane() {
        return initialBackoff == null || maxBackoff == null
                || (!initialBackoff.isNegative() && !initialBackoff.isZero() && initialBackoff.compareTo(maxBackoff) <= 0);
    }

    public boolean signs() {
        return secret != null && !secret.isBlank();
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1): initial × 2^(attempt-1), capped. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "NotifyProperties[targets=" + targets.size() + ", allowedHosts=" + allowedHosts
                + ", allowPrivateAddresses=" + allowPrivateAddresses + ", secret=" + (signs() ? "****" : "(unsigned)")
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", timeout=" + timeout + "]";
    }
}
