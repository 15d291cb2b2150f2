package dev.orfeas.mesh.foreground;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.InvalidOptionsException;
import dev.orfeas.mesh.decode.DecodedImage;
import dev.orfeas.mesh.segment.SegmentationModel;
import dev.orfeas.mesh.segment.SegmentationSettings;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The foreground option and the learned path, with the tiny segmenter (bright = salient) standing in for IS-Net. */
class ModelForegroundTests {

    private static final SegmentationModel MODEL = load();
    private final ForegroundExtractor withModel = new ForegroundExtractor(Optional.of(MODEL));
    private final ForegroundExtractor builtIn = new ForegroundExtractor();

    private static SegmentationModel load() {
        try {
            Path file = Path.of(ModelForegroundTests.class.getResource("/models/tiny-segmenter.onnx").toURI());
            return SegmentationModel.load(file, Optional.empty(), new SegmentationSettings(1, false, false));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        MODEL.close();
    }

    /** A bright disc in the middle and a small bright square in a corner, on dark noise (no plain backdrop). */
    private static DecodedImage photo() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(7);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int v = 10 + random.nextInt(60);
                image.setRGB(x, y, 0xff000000 | v << 16 | (v / 2) << 8 | random.nextInt(70));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(235, 230, 220));
        g.fillOval(64, 64, 128, 128);
        g.fillRect(6, 6, 20, 20);
        g.dispose();
        return new DecodedImage(image, "jpeg", false);
    }

    @Test
    void autoUsesTheModelOnAPhotoAndKeepsOnlyTheMainCentralObject() {
        Foreground fg = withModel.extract(photo(), ForegroundChoice.AUTO);
        assertThat(fg.mode()).isEqualTo(ForegroundMode.MODEL);
        assertThat(fg.model()).startsWith("tiny-segmenter@");
        assertThat(fg.kept()).isEqualTo(1);
        assertThat(fg.dropped()).isEqualTo(1);
        assertThat(fg.softAlpha()).hasSize(fg.mask().width() * fg.mask().height());
        // the disc covers π·64² of 256² ≈ 19.6 % of the picture; the corner square is gone
        assertThat(fg.coverage()).isBetween(0.18, 0.21);
        assertThat(fg.mask().get(4, 4)).isFalse();
    }

    @Test
    void aRealAlphaChannelStillWinsOverTheModel() {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 30, 30)); // dark: the tiny model would call it background
        g.fillOval(24, 24, 80, 80);
        g.dispose();
        Foreground fg = withModel.extract(new DecodedImage(image, "png", true), ForegroundChoice.AUTO);
        assertThat(fg.mode()).isEqualTo(ForegroundMode.ALPHA);
        assertThat(fg.model()).isNull();
    }

    @Test
    void backdropAndNoneIgnoreTheModel() {
        assertThat(withModel.extract(photo(), ForegroundChoice.BACKDROP).mode())
                .isIn(ForegroundMode.SEGMENTED, ForegroundMode.RELIEF);
        Foreground none = withModel.extract(photo(), ForegroundChoice.NONE);
        assertThat(none.mode()).isEqualTo(ForegroundMode.RELIEF);
        assertThat(none.coverage()).isEqualTo(1.0);
    }

    @Test
    void alphaOnAnOpaquePhotoIsNoForeground() {
        assertThatThrownBy(() -> withModel.extract(photo(), ForegroundChoice.ALPHA))
                .isInstanceOf(ImageRejectedException.NoForeground.class).hasMessageContaining("alpha");
    }

    @Test
    void modelWithoutAnInstalledModelIsTheCallersMistakeNotAServerError() {
        assertThatThrownBy(() -> builtIn.extract(photo(), ForegroundChoice.MODEL))
                .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("fetch-models.sh");
        assertThat(builtIn.modelId()).isEqualTo("none");
    }

    @Test
    void aPhotoTheModelFindsNothingInIsNoForegroundForModelAndTheBuiltInPathForAuto() {
        BufferedImage dark = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(3);
        for (int i = 0; i < 128 * 128; i++) {
            int v = 10 + random.nextInt(50);
            dark.setRGB(i % 128, i / 128, 0xff000000 | v << 16 | v << 8 | v);
        }
        assertThatThrownBy(() -> withModel.extract(new DecodedImage(dark, "jpeg", false), ForegroundChoice.MODEL))
                .isInstanceOf(ImageRejectedException.NoForeground.class);
        // auto falls back to the built-in path: the same answer as a server without the model
        DecodedImage decoded = new DecodedImage(dark, "jpeg", false);
        assertThat(outcome(() -> withModel.extract(decoded, ForegroundChoice.AUTO)))
                .isEqualTo(outcome(() -> builtIn.extract(decoded, ForegroundChoice.AUTO)));
    }

    /** The mode found, or the rejection's type. */
    private static String outcome(java.util.function.Supplier<Foreground> extraction) {
        try {
            return extraction.get().mode().name();
        } catch (ImageRejectedException e) {
            return e.getClass().getSimpleName();
        }
    }
}
