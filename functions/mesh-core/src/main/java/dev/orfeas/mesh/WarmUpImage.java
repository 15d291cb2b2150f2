package dev.orfeas.mesh;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** A small disc on transparency: exercises every stage (and JIT-compiles them) before the first real request. */
final class WarmUpImage {

    private WarmUpImage() {
    }

    /** An opaque photo-like picture for the segmentation model's first (slow) run. */
    static BufferedImage opaque() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 110, 70));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(200, 120, 40));
        g.fillOval(16, 16, 32, 32);
        g.dispose();
        return image;
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 40));
        g.fillOval(8, 8, 48, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
