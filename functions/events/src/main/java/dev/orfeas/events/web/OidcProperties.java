package dev.orfeas.events.web;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Verifying the OIDC tokens that Knative Eventing's sender identity puts on deliveries to {@code POST /} and
 * {@code POST /backup} (defence in depth behind the NetworkPolicy). Off unless {@code issuer} is set; then every
 * key but the two files is required.
 *
 * @param issuer          the token issuer ({@code iss}): the cluster's service-account issuer, e.g.
 *                        {@code https://kubernetes.default.svc.cluster.local}
 * @param jwksUri         where the issuer's public keys are, e.g. {@code https://kubernetes.default.svc/openid/v1/jwks}
 * @param audience        the audience a token must name ({@code aud}): the Triggers' {@code subscriber.audience}
 * @param allowedSubjects the senders ({@code sub}) taken, e.g. a Trigger's OIDC service account
 *                        {@code system:serviceaccount:orfeas:<trigger>-oidc-eventing.knative.dev-trigger}
 * @param jwksTokenFile   a bearer token for the JWKS request (the pod's own service-account token: the API server
 *                        serves its keys to authenticated callers); re-read when rotated; never logged
 * @param jwksCaFile      PEM certificates trusted for an https JWKS URI (the cluster CA); unset: the JDK's
 * @param clockSkew       leeway for {@code exp} and {@code nbf}
 * @param jwksCacheTtl    how long fetched keys are used before they are fetched again
 * @param jwksMinRefetch  a token naming an unknown key id fetches the keys again at most this often (a signing key
 *                        rotated in is found; a flood of made-up key ids is not a flood of fetches)
 * @param jwksTimeout     connect and read timeout of a JWKS fetch
 */
@ConfigurationProperties("orfeas.events.oidc")
public record OidcProperties(
        String issuer,
        URI jwksUri,
        String audience,
        List<String> allowedSubjects,
        Path jwksTokenFile,
        Path jwksCaFile,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("10m") Duration jwksCacheTtl,
        @DefaultValue("30s") Duration jwksMinRefetch,
        @DefaultValue("5s") Duration jwksTimeout) implements SelfValidating {

    @Override
    public void check(Checks checks) {
        checks.require("issuer", isComplete(), "with orfeas.events.oidc.issuer set, jwks-uri (http or https), "
                        + "audience and allowed-subjects are required; without it, none of them may be set")
                .notNull("clockSkew", clockSkew).notNull("jwksCacheTtl", jwksCacheTtl)
                .notNull("jwksMinRefetch", jwksMinRefetch).notNull("jwksTimeout", jwksTimeout)
                .require("clockSkew", isDurationsSane(),
                        "clock-skew must be 0-5m, jwks-cache-ttl and jwks-timeout positive, jwks-min-refetch >= 0");
    }

    public OidcProperties {
        allowedSubjects = allowedSubjects == null ? List.of()
                : allowedSubjects.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    public boolean isComplete() {
        if (!enabled()) {
            return jwksUri == null && (audience == null || audience.isBlank()) && allowedSubjects.isEmpty();
        }
        return jwksUri != null && ("https".equals(jwksUri.getScheme()) || "http".equals(jwksUri.getScheme()))
                && jwksUri.getHost() != null && audience != null && !audience.isBlank() && !allowedSubjects.isEmpty();
    }

    public boolean isDurationsSane() {
        return clockSkew == null || jwksCacheTtl == null || jwksMinRefetch == null || jwksTimeout == null
                || (!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0
                && jwksCacheTtl.isPositive() && !jwksMinRefetch.isNegative() && jwksTimeout.isPositive());
    }

    /** What the startup log says: no secret here (the token file's path only). */
    @Override
    public String toString() {
        if (!enabled()) {
            return "OidcProperties[off]";
        }
        return "OidcProperties[issuer=" + issuer + ", jwksUri=" + jwksUri + ", audience=" + audience
                + ", allowedSubjects=" + allowedSubjects + ", jwksTokenFile=" + jwksTokenFile + ", jwksCaFile="
                + jwksCaFile + ", clockSkew=" + clockSkew + "]";
    }
}
