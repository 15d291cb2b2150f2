package dev.orfeas.generate.engine;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a load runs before readiness, with the real segmentation model (scripts/fetch-models.sh): the draft
 * generation always (warm-up on), the model's first inference only where {@code model-warm-up} asks for it —
 * {@code auto} on this CPU-only machine skips it.
 */
class EngineLoadTests {

    private static final Path MODEL = Path.of(System.getProperty("orfeas.test.models", "../../models"))
            .resolve("isnet-quint8.onnx");

    private static EngineLoad.Loaded load(String modelWarmUp) throws Exception {
        assertThat(MODEL).as("installed by scripts/fetch-models.sh").exists();
        var properties = new EngineProperties(null, "cpu", DataSize.ofMegabytes(20), 40_000_000, 12_000, 8, 1,
                true, modelWarmUp, new EngineProperties.Segmentation(MODEL.toAbsolutePath(), null, 0, false),
                Duration.ofSeconds(30));
        return EngineLoad.begin(properties).result().get(3, TimeUnit.MINUTES);
    }

    @Test
    void onTheCpuAutoSkipsTheModelsFirstInferenceAndAlwaysRunsIt() throws Exception {
        EngineLoad.Loaded auto = load("auto");
        try {
            assertThat(auto.generator().segmentationModel()).hasValueSatisfying(m ->
                    assertThat(m.onCuda()).isFalse());
            assertThat(auto.warmUpSeconds()).isPositive();
            assertThat(auto.modelWarmUpSeconds()).isNaN();
        } finally {
            auto.generator().close();
        }
        EngineLoad.Loaded always = load("always");
        try {
            assertThat(always.modelWarmUpSeconds()).isPositive();
        } finally {
            always.generator().close();
        }
        EngineLoad.Loaded never = load("never");
        try {
            assertThat(never.modelWarmUpSeconds()).isNaN();
        } finally {
            never.generator().close();
        }
    }
}
