package dev.orfeas.mesh.texture;

import dev.orfeas.mesh.field.FieldGrid;
import dev.orfeas.mesh.foreground.Foreground;
import dev.orfeas.mesh.foreground.ForegroundMode;
import dev.orfeas.mesh.surface.GridProjection;
import dev.orfeas.mesh.surface.Mesh;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Front-projected texturing: the source image cropped to the grid becomes the texture; every vertex gets the UV of
 * its (x, y) seen from the front, so the back shows the mirrored picture and the wall the silhouette's colour.
 * UVs depend on position only, so they stay right after simplification moves vertices.
 */
public final class TextureProjector {

    private static final float JPEG_QUALITY = 0.9f;

    private TextureProjector() {
    }

    /** The texture of one generation: the cropped picture (pixels, for vertex colours) and its JPEG bytes. */
    public record BakedTexture(BufferedImage image, byte[] jpeg) {
    }

    /**
     * Crops, bleeds and encodes the texture. It depends on the grid, not on the mesh, so it can be made while the
     * surface is built and simplified.
     */
    public static BakedTexture bake(FieldGrid grid, Foreground foreground, BufferedImage source, int maxTextureSide) {
        BufferedImage texture = crop(source, grid, maxTextureSide);
        if (foreground.mode() != ForegroundMode.RELIEF) {
            TextureBleed.apply(texture, grid, foreground);
        }
        return new BakedTexture(texture, encodeJpeg(texture));
    }

    /** Every vertex's UV from its position seen from the front, and its colour from the baked texture there. */
    public static TexturedMesh project(Mesh mesh, GridProjection projection, BakedTexture baked) {
        BufferedImage texture = baked.image();
        int n = mesh.vertexCount();
        float[] uvs = new float[2 * n];
        byte[] colours = new byte[3 * n];
        int tw = texture.getWidth();
        int th = texture.getHeight();
        for (int v = 0; v < n; v++) {
            float u = clamp01(projection.u(mesh.x(v)));
            float t = clamp01(projection.v(mesh.y(v)));
            uvs[2 * v] = u;
            uvs[2 * v + 1] = t;
            int rgb = texture.getRGB(Math.min(tw - 1, (int) (u * tw)), Math.min(th - 1, (int) (t * th)));
            colours[3 * v] = (byte) (rgb >> 16);
            colours[3 * v + 1] = (byte) (rgb >> 8);
            colours[3 * v + 2] = (byte) rgb;
        }
        return new TexturedMesh(mesh, uvs, baked.jpeg(), TexturedMesh.JPEG, colours);
    }

    /** The grid's extent of the source, at most {@code maxSide} pixels on its longest side, opaque. */
    static BufferedImage crop(BufferedImage source, FieldGrid grid, int maxSide) {
        double regionW = grid.width() * grid.cellSize();
        double regionH = grid.height() * grid.cellSize();
        double fit = Math.min(1.0, maxSide / Math.max(regionW, regionH));
        int tw = Math.max(1, (int) Math.round(regionW * fit));
        int th = Math.max(1, (int) Math.round(regionH * fit));
        BufferedImage texture = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = texture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            AffineTransform t = AffineTransform.getScaleInstance(tw / regionW, th / regionH);
            t.translate(-grid.originX(), -grid.originY());
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        return texture;
    }

    /**
     * JPEG at quality 0.9: a photo texture encodes 5–10× faster than PNG and several times smaller, and the
     * texture needs no alpha (the mesh's outline is geometry).
     */
    private static byte[] encodeJpeg(BufferedImage rgb) {
        // The encoder takes interleaved bytes natively; handing it packed ints costs twice the time.
        BufferedImage image = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static float clamp01(double value) {
        return (float) Math.max(0, Math.min(1, value));
    }
}
