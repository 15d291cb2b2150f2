package dev.orfeas.mesh.foreground;

import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.TestImages;
import dev.orfeas.mesh.decode.DecodedImage;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForegroundExtractorTests {

    private final ForegroundExtractor extractor = new ForegroundExtractor();

    private static DecodedImage argb(BufferedImage image, boolean alpha) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return new DecodedImage(copy, alpha ? "png" : "jpeg", alpha);
    }

    /** Share of the true shape's pixels the mask agrees on (intersection over union). */
    private static double iou(Foreground fg, java.util.function.BiPredicate<Double, Double> truth, int sourceSize) {
        Mask m = fg.mask();
        int both = 0, either = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                double sx = (x + 0.5) * fg.scale() / sourceSize;
                double sy = (y + 0.5) * fg.scale() / sourceSize;
                boolean t = truth.test(sx, sy);
                boolean g = m.get(x, y);
                both += t && g ? 1 : 0;
                either += t || g ? 1 : 0;
            }
        }
        return both / (double) either;
    }

    @Test
    void alphaSilhouetteIsUsedWhenItSeparates() {
        Foreground fg = extractor.extract(argb(TestImages.discOnTransparent(400, 150), true));
        assertThat(fg.mode()).isEqualTo(ForegroundMode.ALPHA);
        assertThat(iou(fg, (x, y) -> Math.hypot(x - 0.5, y - 0.5) <= 150 / 400.0, 400)).isGreaterThan(0.95);
    }

    @Test
    void photoBackdropIsSegmentedAway() {
        Foreground fg = extractor.extract(argb(TestImages.objectOnBackdrop(600, 400, 5), false));
        assertThat(fg.mode()).isEqualTo(ForegroundMode.SEGMENTED);
        // The ellipse spans 25%..75% across and 20%..80% down.
        double iou = iou(fg, (x, y) -> {
            double ex = (x - 0.5) / 0.25;
            double ey = (y * 400 / 600.0 * 600 / 400 - 0.5) / 0.3;
            return ex * ex + ey * ey <= 1;
        }, 600);
        assertThat(fg.mask().count()).isGreaterThan(0);
        assertThat(iou).isGreaterThan(0.3);
        int[] box = fg.mask().bounds();
        double w = fg.mask().width();
        assertThat(box[0] / w).isBetween(0.22, 0.28);
        assertThat((box[2] + 1) / w).isBetween(0.72, 0.78);
    }

    @Test
    void uniformlySemiTransparentAlphaCarriesNoSilhouetteSoColourSegmentationRuns() {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 255, 255, 128));
        g.fillRect(0, 0, 300, 300);
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(new Color(20, 20, 160, 128));
        g.fill(new Ellipse2D.Double(75, 75, 150, 150));
        g.dispose();
        Foreground fg = extractor.extract(new DecodedImage(image, "png", true));
        assertThat(fg.mode()).isEqualTo(ForegroundMode.SEGMENTED);
        assertThat(iou(fg, (x, y) -> Math.hypot(x - 0.5, y - 0.5) <= 0.25, 300)).isGreaterThan(0.9);
    }

    @Test
    void ringOnABackdropKeepsItsHole() {
        BufferedImage ring = TestImages.annulusOnTransparent(300);
        Foreground fg = extractor.extract(new DecodedImage(flatten(ring), "jpeg", false));
        assertThat(fg.mode()).isEqualTo(ForegroundMode.SEGMENTED);
        Mask m = fg.mask();
        assertThat(m.get(m.width() / 2, m.height() / 2)).as("centre of the ring is a hole").isFalse();
        assertThat(m.get(m.width() / 2, (int) (m.height() * 0.2))).as("the ring itself").isTrue();
    }

    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    @Test
    void pictureWithoutBackdropFallsBackToRelief() {
        Foreground fg = extractor.extract(argb(TestImages.busyPicture(300, 11), false));
        assertThat(fg.mode()).isEqualTo(ForegroundMode.RELIEF);
        assertThat(fg.mask().count()).isEqualTo(fg.mask().width() * fg.mask().height());
    }

    @Test
    void uniformColourIsNoForeground() {
        assertThatThrownBy(() -> extractor.extract(argb(TestImages.uniform(200, new Color(30, 90, 40)), false)))
                .isInstanceOf(ImageRejectedException.NoForeground.class).hasMessageContaining("uniform");
    }

    @Test
    void fullyTransparentIsNoForeground() {
        BufferedImage clear = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        assertThatThrownBy(() -> extractor.extract(new DecodedImage(clear, "png", true)))
                .isInstanceOf(ImageRejectedException.NoForeground.class).hasMessageContaining("transparent");
    }

    @Test
    void tinySpeckIsNoForeground() {
        BufferedImage image = TestImages.uniform(400, Color.WHITE);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(200, 200, 6, 6);
        g.dispose();
        assertThatThrownBy(() -> extractor.extract(argb(image, false)))
                .isInstanceOf(ImageRejectedException.NoForeground.class).hasMessageContaining("speck");
    }

    @Test
    void tinySpeckOnTransparencyIsNoForeground() {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(10, 10, 2, 2);
        g.dispose();
        assertThatThrownBy(() -> extractor.extract(new DecodedImage(image, "png", true)))
                .isInstanceOf(ImageRejectedException.NoForeground.class);
    }
}
