package dev.orfeas.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code foreground} option on an app without a segmentation model: asking for the model is the caller's
 * mistake (a typed 400, never a 500 a broker would retry); blank means auto. Unknown values: GenerateHttpIntegrationTests.
 */
class ForegroundOptionIntegrationTests extends SharedAppIntegrationTest {

    @ParameterizedTest(name = "foreground={0}")
    @CsvSource({"model, segmentation model", "MODEL, segmentation model", "'', ''"})
    void aForegroundTheServerCannotHonourIsA400Problem(String foreground, String detail) throws Exception {
        // an image no other test sends, so the answer is generated here, not a cache hit
        var response = postImage("/generate?quality=draft&foreground=" + foreground, TestImages.discPng(120, 77),
                "image/png", "application/json");

        if (foreground.isEmpty()) { // blank = auto: the disc's alpha channel outlines it
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            assertThat(metric("orfeas_generation_seconds_count", "foreground=\"alpha\""))
                    .as("the generation timer's foreground tag").isGreaterThanOrEqualTo(1);
            return;
        }
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains(detail);
    }
}
