package dev.orfeas.mesh.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading and running an ONNX segmenter, on the tiny fixtures (src/test/python/make_tiny_segmenters.py). */
class SegmentationModelTests {

    static Path fixture(String name) {
        try {
            return Path.of(SegmentationModelTests.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SegmentationModel tiny() {
        return SegmentationModel.load(fixture("tiny-segmenter.onnx"), Optional.empty(),
                new SegmentationSettings(1, false, false));
    }

    @Test
    void aModelFollowingTheContractLoadsAndMapsBrightPixelsToSalient() {
        try (SegmentationModel model = tiny()) {
            assertThat(model.side()).isEqualTo(64);
            assertThat(model.id()).startsWith("tiny-segmenter@").hasSize("tiny-segmenter@".length() + 8);
            BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(20, 20, 20));
            g.fillRect(0, 0, 200, 100);
            g.setColor(new Color(240, 240, 240));
            g.fillRect(100, 0, 100, 100); // right half bright
            g.dispose();
            float[] map = model.predict(image);
            assertThat(map).hasSize(64 * 64);
            assertThat(map[32 * 64 + 10]).isLessThan(0.01f);  // left half
            assertThat(map[32 * 64 + 54]).isGreaterThan(0.99f); // right half (aspect ignored: 64 wide)
        }
    }

    @Test
    void aMatchingSha256IsAcceptedAndAWrongOneRefusedNamingTheFile() {
        String sha;
        try (SegmentationModel model = tiny()) {
            sha = model.sha256();
        }
        Path file = fixture("tiny-segmenter.onnx");
        SegmentationModel.load(file, Optional.of(sha.toUpperCase()), SegmentationSettings.defaults()).close();
        assertThatThrownBy(() -> SegmentationModel.load(file, Optional.of("0".repeat(64)),
                SegmentationSettings.defaults()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected " + "0".repeat(64));
    }

    @Test
    void aModelWithOtherTensorNamesIsRefusedNamingTheNamesItHas() {
        Path file = fixture("tiny-segmenter-misnamed.onnx");
        assertThatThrownBy(() -> SegmentationModel.load(file, Optional.empty(), SegmentationSettings.defaults()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("[x]").hasMessageContaining("'input'");
    }

    @Test
    void aTruncatedOrMissingFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(fixture("tiny-segmenter.onnx"));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> SegmentationModel.load(truncated, Optional.empty(), SegmentationSettings.defaults()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining(truncated.toString())
                .hasMessageContaining("not a loadable ONNX model");
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> SegmentationModel.load(missing, Optional.empty(), SegmentationSettings.defaults()))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining(missing.toString());
    }
}
