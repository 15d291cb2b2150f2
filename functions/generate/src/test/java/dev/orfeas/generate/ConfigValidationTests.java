package dev.orfeas.generate;

import dev.orfeas.generate.security.SecurityProperties;
import dev.orfeas.storage.StartFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad setting stops the app before it serves anything, with a message that names the setting (the settings
 * records check themselves: {@code SelfValidating}), and good settings start it.
 */
class ConfigValidationTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "orfeas.storage.checksums=sometimes           | orfeas.storage.checksums",
            "orfeas.storage.buckets.meshes=Bad_Bucket      | orfeas.storage.buckets.meshes",
            "orfeas.storage.presign-expiry=30d             | presign-expiry",
            "orfeas.generation.max-concurrent=0            | orfeas.generation.max-concurrent",
            "orfeas.generation.device=tpu                  | orfeas.generation.device",
            "orfeas.generation.model-path=/nonexistent.pt  | model-path",
            "orfeas.generation.model-path=/tmp             | model-path",
            "orfeas.security.open=false                    | api-keys",
            "orfeas.jobs.keep-alive=0s                     | keep-alive",
            "orfeas.jobs.queue-length=-1                   | orfeas.jobs.queue-length",
            "orfeas.security.rate-limit.capacity=0         | orfeas.security.rate-limit.capacity",
            "orfeas.security.internal.api-keys=short       | api-keys must be at least 16 characters",
            "orfeas.generation.segmentation.threads=-1     | orfeas.generation.segmentation.threads",
            "orfeas.generation.model-warm-up=sometimes     | must be one of: auto, always, never",
            "orfeas.storage.access-key=only-one            | set together",
            "orfeas.maintenance.interval=0s                | orfeas.maintenance.interval"})
    void badSettingRefusesToStart(String setting, String named) {
        var app = new SpringApplicationBuilder(GenerateApplication.class).web(WebApplicationType.NONE)
                .properties("orfeas.storage.create-buckets=false", "orfeas.security.open=true",
                        "orfeas.storage.endpoint=http://127.0.0.1:9", "ORFEAS_LOG_FORMAT=", setting);

        assertThatThrownBy(app::run).satisfies(e -> assertThat(StartFailures.messages(e)).contains(named));
    }

    @Test
    void defaultsAndGoodSettingsStart() {
        var app = new SpringApplicationBuilder(GenerateApplication.class).web(WebApplicationType.NONE)
                .properties("orfeas.storage.create-buckets=false", "orfeas.security.open=true",
                        "orfeas.storage.endpoint=http://127.0.0.1:9", "ORFEAS_LOG_FORMAT=",
                        "orfeas.generation.segmentation.model=", "orfeas.generation.warm-up=false",
                        "orfeas.maintenance.enabled=false",
                        "orfeas.security.internal.api-keys=an-internal-key-of-20",
                        "orfeas.generation.max-concurrent=256", "orfeas.jobs.queue-length=0");
        try (var context = app.run()) {
            assertThat(context.getBean(SecurityProperties.class).internal().apiKeys())
                    .containsExactly("an-internal-key-of-20");
        }
    }
}
