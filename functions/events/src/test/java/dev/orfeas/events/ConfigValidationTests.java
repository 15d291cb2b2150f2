package dev.orfeas.events;

import dev.orfeas.storage.StartFailures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad setting stops the events app before it serves anything, with a message that names the setting. */
class ConfigValidationTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "orfeas.events.notify.max-attempts=0                   | orfeas.events.notify.max-attempts",
            "orfeas.events.notify.targets=ftp://example.org/       | targets must be http or https URLs",
            "orfeas.events.notify.initial-backoff=1m               | initial-backoff must be positive and at most",
            "orfeas.events.adapter.max-body=10B                    | orfeas.events.adapter.max-body",
            "orfeas.events.sink.url=file:///sink                   | url and generate-url must be http or https",
            "orfeas.events.backup.prefix=no-slash                  | orfeas.events.backup.prefix",
            "orfeas.events.backup.parallelism=65                   | must be between 1 and 64",
            "orfeas.events.backup.schedule=every day               | cron expression",
            "orfeas.events.backup.target.buckets.backups=Bad_Name  | orfeas.events.backup.target.buckets.backups",
            "orfeas.events.oidc.issuer=https://issuer.example      | jwks-uri (http or https), audience",
            "orfeas.events.oidc.clock-skew=1h                      | clock-skew must be 0-5m",
            "orfeas.storage.region=                                | orfeas.storage.region"})
    void badSettingRefusesToStart(String setting, String named) {
        var app = new SpringApplicationBuilder(EventsApplication.class).web(WebApplicationType.NONE)
                .properties("orfeas.storage.create-buckets=false", "orfeas.storage.endpoint=http://127.0.0.1:9",
                        "ORFEAS_LOG_FORMAT=");

        // as an argument: application.yml's own values (sink.url from K_SINK) outrank default properties
        assertThatThrownBy(() -> app.run("--" + setting))
                .satisfies(e -> assertThat(StartFailures.messages(e)).contains(named));
    }
}
