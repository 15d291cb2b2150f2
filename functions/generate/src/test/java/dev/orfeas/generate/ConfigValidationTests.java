package dev.orfeas.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad setting stops the app before it serves anything, with a message that names the setting. */
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
            "orfeas.jobs.keep-alive=0s                     | keep-alive"})
    void badSettingRefusesToStart(String setting, String named) {
        var app = new SpringApplicationBuilder(GenerateApplication.class).web(WebApplicationType.NONE)
                .properties("orfeas.storage.create-buckets=false", "orfeas.security.open=true",
                        "orfeas.storage.endpoint=http://127.0.0.1:9", "ORFEAS_LOG_FORMAT=", setting);

        assertThatThrownBy(app::run).satisfies(e -> assertThat(messages(e)).contains(named));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
