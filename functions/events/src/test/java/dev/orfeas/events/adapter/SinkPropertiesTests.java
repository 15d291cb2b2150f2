package dev.orfeas.events.adapter;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SinkPropertiesTests {

    private static final URI GENERATE = URI.create("http://127.0.0.1:8080/");

    @Test
    void kSinkWinsAndWithoutItEventsGoToTheGenerateFunction() {
        var withSink = new SinkProperties(URI.create("http://broker-ingress.knative-eventing/orfeas/default"),
                GENERATE, "key", Duration.ofSeconds(1), false, Duration.ofSeconds(20), null);
        var withoutSink = new SinkProperties(URI.create(""), GENERATE, "key", Duration.ofSeconds(1), false,
                Duration.ofSeconds(20), null);

        assertThat(withSink.target().getHost()).isEqualTo("broker-ingress.knative-eventing");
        assertThat(withoutSink.target()).isEqualTo(GENERATE);
        assertThat(withoutSink.isHttp()).isTrue();
    }

    @Test
    void toStringNeverPrintsTheApiKey() {
        assertThat(new SinkProperties(null, GENERATE, "s3cr3t-key", Duration.ofSeconds(1), false,
                Duration.ofSeconds(20), null).toString())
                .doesNotContain("s3cr3t-key").contains("****");
    }
}
