package dev.orfeas.events.notify;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetPolicyTests {

    /** Resolves everything to one address, as a hostile or careless DNS record would. */
    private static TargetPolicy resolvingTo(String ip, boolean allowPrivate) {
        return new TargetPolicy(List.of("hooks.example.com", "*.internal.example", "169.254.169.254", "127.0.0.1"),
                allowPrivate, host -> new InetAddress[]{InetAddress.getByName(ip)});
    }

    @Test
    void anAllowListedHostWithAPublicAddressIsAllowed() {
        assertThat(resolvingTo("203.0.113.7", false).refusal(URI.create("https://hooks.example.com/T0/B0/x")))
                .isEmpty();
        assertThat(resolvingTo("10.1.2.3", false).refusal(URI.create("http://notify.internal.example/hook")))
                .isEmpty();
    }

    @Test
    void aHostNotOnTheAllowListIsRefused() {
        assertThat(resolvingTo("203.0.113.7", false).refusal(URI.create("https://evil.example.net/")))
                .hasValueSatisfying(r -> assertThat(r).contains("not in orfeas.events.notify.allowed-hosts"));
        assertThat(resolvingTo("203.0.113.7", false).refusal(URI.create("https://internal.example/")))
                .isPresent();
    }

    @Test
    void loopbackLinkLocalAndMetadataAddressesAreRefusedUnlessConfigured() {
        assertThat(resolvingTo("169.254.169.254", false).refusal(URI.create("http://169.254.169.254/latest")))
                .hasValueSatisfying(r -> assertThat(r).contains("loopback/link-local/metadata"));
        assertThat(resolvingTo("127.0.0.1", false).refusal(URI.create("http://127.0.0.1:9000/"))).isPresent();
        // an allow-listed name that resolves to a private address is refused too (DNS pointing inwards)
        assertThat(resolvingTo("::1", false).refusal(URI.create("https://hooks.example.com/"))).isPresent();
        assertThat(resolvingTo("fe80::1", false).refusal(URI.create("https://hooks.example.com/"))).isPresent();
        assertThat(resolvingTo("fd00:ec2::254", false).refusal(URI.create("https://hooks.example.com/"))).isPresent();
        assertThat(resolvingTo("0.0.0.0", false).refusal(URI.create("https://hooks.example.com/"))).isPresent();
        assertThat(resolvingTo("127.0.0.1", true).refusal(URI.create("http://127.0.0.1:9000/"))).isEmpty();
    }

    @Test
    void backoffDoublesAndIsCapped() {
        var properties = new NotifyProperties(List.of(), List.of(), false, null, 5,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1));

        assertThat(List.of(1, 2, 3, 4).stream().map(properties::backoff).map(java.time.Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 5L);
    }
}
