package dev.orfeas.mesh.foreground;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * The image reduced to a working size for segmentation (box-filtered, so noise averages out), in CIELAB with
 * alpha. Segmenting a 4K photo at full size buys nothing: the surface grid is far coarser.
 */
final class WorkingImage {

    /** Longest side segmentation works at. */
    static final int MAX_SIDE = 384;

    final int width;
    final int height;
    /** Source pixels per working pixel. */
    final double scale;
    final float[] lightness;
    final float[] greenRed;
    final float[] blueYellow;
    final float[] alpha;

    private WorkingImage(int width, int height, double scale) {
        this.width = width;
        this.height = height;
        this.scale = scale;
        int n = width * height;
        lightness = new float[n];
        greenRed = new float[n];
        blueYellow = new float[n];
        alpha = new float[n];
    }

    static WorkingImage of(BufferedImage argb) {
        int sw = argb.getWidth();
        int sh = argb.getHeight();
        double scale = Math.max(1.0, Math.max(sw, sh) / (double) MAX_SIDE);
        int w = Math.max(1, (int) Math.round(sw / scale));
        int h = Math.max(1, (int) Math.round(sh / scale));
        WorkingImage img = new WorkingImage(w, h, scale);
        int[] pixels = packedPixels(argb);
        int[] row = pixels == null ? new int[sw] : null;
        int[] column = new int[sw];
        for (int sx = 0; sx < sw; sx++) {
            column[sx] = Math.min(w - 1, (int) (sx / scale));
        }
        double[] sumR = new double[w], sumG = new double[w], sumB = new double[w], sumA = new double[w];
        int[] count = new int[w];
        int sy = 0;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(sumR, 0);
            java.util.Arrays.fill(sumG, 0);
            java.util.Arrays.fill(sumB, 0);
            java.util.Arrays.fill(sumA, 0);
            java.util.Arrays.fill(count, 0);
            int syEnd = Math.max(sy + 1, Math.min(sh, (int) Math.round((y + 1) * scale)));
            for (; sy < syEnd; sy++) {
                int[] src = pixels;
                int offset = sy * sw;
                if (src == null) {
                    argb.getRGB(0, sy, sw, 1, row, 0, sw);
                    src = row;
                    offset = 0;
                }
                for (int sx = 0; sx < sw; sx++) {
                    int x = column[sx];
                    int p = src[offset + sx];
                    double a = (p >>> 24) / 255.0;
                    // Colour weighted by alpha so transparent pixels' hidden colours don't bleed in.
                    sumR[x] += a * SrgbLab.LINEAR[(p >> 16) & 0xff];
                    sumG[x] += a * SrgbLab.LINEAR[(p >> 8) & 0xff];
                    sumB[x] += a * SrgbLab.LINEAR[p & 0xff];
                    sumA[x] += a;
                    count[x]++;
                }
            }
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double a = sumA[x];
                img.alpha[i] = count[x] == 0 ? 0 : (float) (a / count[x]);
                if (a > 0) {
                    SrgbLab.toLab(sumR[x] / a, sumG[x] / a, sumB[x] / a, img, i);
                }
            }
        }
        return img;
    }

    /**
     * The pixel array itself when the image is a plain {@link BufferedImage#TYPE_INT_ARGB} (as decoding makes it),
     * so the box filter reads it directly instead of through {@code getRGB}'s per-pixel colour-model calls; else
     * null.
     */
    static int[] packedPixels(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_ARGB
                || !(image.getRaster().getDataBuffer() instanceof DataBufferInt buffer)
                || buffer.getOffset() != 0 || image.getRaster().getSampleModelTranslateX() != 0
                || image.getRaster().getSampleModelTranslateY() != 0
                || !(image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel sm)
                || sm.getScanlineStride() != image.getWidth()) {
            return null;
        }
        return buffer.getData();
    }

    int size() {
        return width * height;
    }

    /** CIE76 colour difference between pixel i and a Lab colour. */
    double distance(int i, float[] lab) {
        double dl = lightness[i] - lab[0];
        double da = greenRed[i] - lab[1];
        double db = blueYellow[i] - lab[2];
        return Math.sqrt(dl * dl + da * da + db * db);
    }
}
