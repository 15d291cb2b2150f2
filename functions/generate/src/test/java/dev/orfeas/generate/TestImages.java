package dev.orfeas.generate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Small images made in code, so the tests carry no binary fixtures. */
public final class TestImages {

    private TestImages() {
    }

    /** An orange disc on a transparent background: a clear silhouette. {@code shade} varies the bytes. */
    public static byte[] discPng(int size, int shade) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200, 80 + shade % 100, 40));
        g.fillOval(size / 8, size / 8, size * 3 / 4, size * 3 / 4);
        g.setColor(new Color(30, 30, 30));
        g.fillOval(size * 3 / 8, size * 3 / 8, size / 6, size / 6);
        g.dispose();
        return encode(image, "png");
    }

    /** A blue square on white, JPEG: the foreground comes from background segmentation. */
    public static byte[] boxJpeg(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(20, 120, 200));
        g.fillRect(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return encode(image, "jpeg");
    }

    /** One colour everywhere: nothing to model (422). */
    public static byte[] uniformPng(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return encode(image, "png");
    }

    /** A wide strip: too many pixels a side for a small max-dimension (413). */
    public static byte[] stripPng(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    /** A PNG cut off half-way (400). */
    public static byte[] truncatedPng() {
        byte[] png = discPng(64, 0);
        return Arrays.copyOf(png, png.length / 2);
    }

    /** A GIF header: an image, but not a type the engine reads (415). */
    public static byte[] gif() {
        return "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
