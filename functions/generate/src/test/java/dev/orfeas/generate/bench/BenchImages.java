package dev.orfeas.generate.bench;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The benchmark's images: a 256 px object, or a real picture, with a salt pixel, so every (salt, index) is a new
 * mesh id.
 */
final class BenchImages {

    private BenchImages() {
    }

    static byte[] image(long salt, int index) {
        int size = 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(60 + index % 150, 140, 90));
        g.fillOval(24, 40, 208, 176);
        g.setColor(new Color(30, 30, 30));
        g.fillOval(90 + index % 40, 90, 40, 40);
        g.dispose();
        image.setRGB(0, 0, (int) (salt ^ (salt >>> 32)) & 0x00FFFFFF); // transparent-black-ish corner varies bytes
        return png(image);
    }

    /** A real picture as a new mesh: one pixel of the top row changed by (salt, index), encoded as PNG. */
    static byte[] salted(BufferedImage picture, long salt, int index) {
        BufferedImage copy = new BufferedImage(picture.getWidth(), picture.getHeight(),
                picture.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        int x = (int) Math.floorMod(salt * 31 + index, (long) copy.getWidth());
        copy.setRGB(x, 0, copy.getRGB(x, 0) ^ 0x010101);
        return png(copy);
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
