package dev.orfeas.mesh.decode;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Converts whatever a reader returned (palette, grey, grey+alpha, 8/16-bit RGB(A), ICC-tagged) into an 8-bit sRGB
 * {@link BufferedImage#TYPE_INT_ARGB} image.
 *
 * <p>Grey samples are copied to R, G and B as they are: PNG and JPEG greys are already gamma-encoded, while Java's
 * {@code CS_GRAY} colour model would treat them as linear and brighten them.
 */
final class ArgbConverter {

    private ArgbConverter() {
    }

    static BufferedImage toArgb(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        ColorModel cm = source.getColorModel();
        if (copyInterleavedSrgb(source, dst)) {
            return out;
        }
        if (cm instanceof IndexColorModel palette) {
            copyPalette(source.getRaster(), palette, dst);
        } else if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            copyGrey(source.getRaster(), cm, dst);
        } else {
            for (int y = 0; y < h; y++) {
                source.getRGB(0, y, w, 1, dst, y * w, w);
            }
        }
        return out;
    }

    /**
     * The common case — 8-bit sRGB RGB or RGBA in one interleaved byte array, as the PNG and JPEG readers return
     * it — packed straight from the bytes. The same values {@code getRGB} gives (no colour conversion applies to
     * non-premultiplied 8-bit sRGB), without its per-pixel colour-model calls, which were most of the decode
     * stage (JFR: ComponentColorModel.getRGBComponent, ByteInterleavedRaster.getDataElements).
     *
     * @return false, copying nothing, for any other layout
     */
    private static boolean copyInterleavedSrgb(BufferedImage source, int[] dst) {
        ColorModel cm = source.getColorModel();
        Raster raster = source.getRaster();
        if (!(cm instanceof ComponentColorModel) || !cm.getColorSpace().isCS_sRGB() || cm.isAlphaPremultiplied()
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1) {
            return false;
        }
        int bands = sm.getNumBands();
        if ((bands != 3 && bands != 4) || bands != cm.getNumComponents() || cm.hasAlpha() != (bands == 4)) {
            return false;
        }
        for (int b = 0; b < bands; b++) {
            if (sm.getSampleSize(b) != 8 || cm.getComponentSize(b) != 8) {
                return false;
            }
        }
        int[] offsets = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        byte[] data = buffer.getData();
        int origin = buffer.getOffset() - raster.getSampleModelTranslateY() * scanline
                - raster.getSampleModelTranslateX() * pixelStride;
        int r = offsets[0], g = offsets[1], b = offsets[2], a = bands == 4 ? offsets[3] : -1;
        int w = source.getWidth();
        for (int y = 0, h = source.getHeight(); y < h; y++) {
            int p = origin + y * scanline;
            int o = y * w;
            for (int x = 0; x < w; x++, p += pixelStride) {
                int alpha = a < 0 ? 0xFF : data[p + a] & 0xFF;
                dst[o + x] = alpha << 24 | (data[p + r] & 0xFF) << 16 | (data[p + g] & 0xFF) << 8 | data[p + b] & 0xFF;
            }
        }
        return true;
    }

    private static void copyPalette(Raster raster, IndexColorModel palette, int[] dst) {
        int w = raster.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = palette.getRGB(row[x]);
            }
        }
    }

    private static void copyGrey(Raster raster, ColorModel cm, int[] dst) {
        int w = raster.getWidth();
        boolean alpha = cm.hasAlpha() && raster.getNumBands() > 1;
        int greyMax = (1 << cm.getComponentSize(0)) - 1;
        int alphaMax = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
        int[] grey = new int[w];
        int[] alphas = new int[w];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                int g = scale(grey[x], greyMax);
                int a = alpha ? scale(alphas[x], alphaMax) : 0xFF;
                dst[y * w + x] = a << 24 | g << 16 | g << 8 | g;
            }
        }
    }

    private static int scale(int sample, int max) {
        if (max == 0xFF) {
            return sample & 0xFF;
        }
        return (int) ((sample * 255L + max / 2) / max);
    }
}
