package dev.orfeas.mesh;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Area;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/** Synthetic inputs with known shapes: what a test expects of the mesh follows from how the picture was drawn. */
public final class TestImages {

    private TestImages() {
    }

    /** An orange disc of the given radius, centred, on full transparency. */
    public static BufferedImage discOnTransparent(int size, int radius) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        g.setColor(new Color(220, 120, 40));
        g.fill(new Ellipse2D.Double(size / 2.0 - radius, size / 2.0 - radius, 2.0 * radius, 2.0 * radius));
        g.dispose();
        return image;
    }

    /** A ring (genus 1 once inflated) on transparency. */
    public static BufferedImage annulusOnTransparent(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        Area ring = new Area(new Ellipse2D.Double(size * 0.1, size * 0.1, size * 0.8, size * 0.8));
        ring.subtract(new Area(new Ellipse2D.Double(size * 0.3, size * 0.3, size * 0.4, size * 0.4)));
        g.setColor(new Color(60, 140, 200));
        g.fill(ring);
        g.dispose();
        return image;
    }

    /**
     * A photo-like picture: a shaded, noisy object (an ellipse with a stripe) on a slightly graded, noisy light
     * backdrop, fully opaque, as from a phone on a table.
     */
    public static BufferedImage objectOnBackdrop(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = 225 + (int) (15.0 * y / height);
                int n = noise.nextInt(7) - 3;
                int v = Math.min(255, base + n);
                image.setRGB(x, y, new Color(v, v, Math.min(255, v + 3)).getRGB());
            }
        }
        Graphics2D g = smooth(image);
        g.setColor(new Color(150, 40, 50));
        g.fill(new Ellipse2D.Double(width * 0.25, height * 0.2, width * 0.5, height * 0.6));
        g.setColor(new Color(40, 60, 150));
        g.setStroke(new BasicStroke(width / 40f));
        g.drawLine((int) (width * 0.3), height / 2, (int) (width * 0.7), height / 2);
        g.dispose();
        return image;
    }

    /** Thin strokes (a few pixels wide) on white: the wall must keep them solid. */
    public static BufferedImage strokesOnWhite(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(2f, size / 60f)));
        g.drawLine(size / 8, size / 8, size * 7 / 8, size * 7 / 8);
        g.drawLine(size / 8, size * 7 / 8, size * 7 / 8, size / 8);
        g.drawOval(size / 4, size / 4, size / 2, size / 2);
        g.dispose();
        return image;
    }

    /** Random colour noise everywhere: no backdrop to separate, so relief mode. */
    public static BufferedImage busyPicture(int size, long seed) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillRect(random.nextInt(size), random.nextInt(size), 4 + random.nextInt(size / 4), 4 + random.nextInt(size / 4));
        }
        g.dispose();
        return image;
    }

    public static BufferedImage uniform(int size, Color colour) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return encode(rgb, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }
}
