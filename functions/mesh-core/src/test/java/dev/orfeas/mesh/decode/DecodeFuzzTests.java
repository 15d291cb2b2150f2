package dev.orfeas.mesh.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.foreground.Foreground;
import dev.orfeas.mesh.foreground.ForegroundExtractor;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes into the decode and foreground stages: the only allowed outcomes are a valid image and silhouette
 * or an {@link ImageRejectedException}.
 * Runs the seed inputs in DecodeFuzzTestsInputs/ as a regression test, and fuzzes for a bounded time when
 * {@code JAZZER_FUZZ=1} (set by mesh-core's surefire configuration).
 */
class DecodeFuzzTests {

    /** Small limits keep each execution fast; the guards themselves are what is being exercised. */
    private static final ImageLimits LIMITS = new ImageLimits(1L << 20, 1L << 20, 2048, 8);
    private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

    private static final ForegroundExtractor FOREGROUND = new ForegroundExtractor();

    @FuzzTest(maxDuration = "15s")
    void decodeAndForegroundAcceptOrRejectCleanly(byte[] bytes) {
        DecodedImage decoded;
        Foreground foreground;
        try {
            decoded = DECODER.decode(bytes);
            foreground = FOREGROUND.extract(decoded);
        } catch (ImageRejectedException rejected) {
            assertThat(rejected).hasMessageNotContaining("null");
            return;
        }
        assertThat(foreground.mask().count()).isPositive();
        assertThat(foreground.mask().width()).isPositive().isLessThanOrEqualTo(decoded.width());
        BufferedImage image = decoded.image();
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertThat(decoded.width()).isBetween(LIMITS.minDimension(), LIMITS.maxDimension());
        assertThat(decoded.height()).isBetween(LIMITS.minDimension(), LIMITS.maxDimension());
        assertThat((long) decoded.width() * decoded.height()).isLessThanOrEqualTo(LIMITS.maxPixels());
        assertThat(decoded.format()).isIn("png", "jpeg", "webp");
    }
}
