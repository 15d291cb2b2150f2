package dev.orfeas.events.web;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A half-made OIDC configuration refuses to start instead of running open or refusing everything. */
class OidcPropertiesTests {

    private static final URI JWKS = URI.create("https://kubernetes.default.svc/openid/v1/jwks");

    @Test
    void offUnlessAnIssuerIsSetAndThenEveryCheckIsRequired() {
        assertThat(properties(null, null, null, List.of()).enabled()).isFalse();
        assertThat(properties(null, null, null, List.of()).isComplete()).isTrue();

        var complete = properties("https://issuer", JWKS, "aud", List.of(" system:serviceaccount:a:b ", ""));
        assertThat(complete.enabled()).isTrue();
        assertThat(complete.isComplete()).isTrue();
        assertThat(complete.allowedSubjects()).containsExactly("system:serviceaccount:a:b");

        assertThat(properties("https://issuer", JWKS, "aud", List.of()).isComplete()).as("no subject").isFalse();
        assertThat(properties("https://issuer", JWKS, " ", List.of("s")).isComplete()).as("no audience").isFalse();
        assertThat(properties("https://issuer", null, "aud", List.of("s")).isComplete()).as("no JWKS").isFalse();
        assertThat(properties("https://issuer", URI.create("file:///jwks"), "aud", List.of("s")).isComplete())
                .as("not http(s)").isFalse();
        assertThat(properties(null, JWKS, "aud", List.of("s")).isComplete()).as("no issuer, yet configured")
                .isFalse();
    }

    @Test
    void durationsOutsideTheirRangeAreRefused() {
        var skewed = new OidcProperties("https://issuer", JWKS, "aud", List.of("s"), null, null,
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertThat(skewed.isDurationsSane()).isFalse();
        assertThat(properties("https://issuer", JWKS, "aud", List.of("s")).isDurationsSane()).isTrue();
    }

    private static OidcProperties properties(String issuer, URI jwks, String audience, List<String> subjects) {
        return new OidcProperties(issuer, jwks, audience, subjects, null, null, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
