package dev.orfeas.mesh.segment;

import java.awt.image.BufferedImage;

/** The model's input: the image resized (bilinear, aspect ignored) to side², RGB planar, {@code (v − 128) / 256}. */
final class Preprocess {

    private Preprocess() {
    }

    static float[] planarRgb(BufferedImage image, int side) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = side * side;
        float[] out = new float[3 * plane];
        // Pixel-centre aligned bilinear sampling (as resize with half-pixel centres).
        int[] x0 = new int[side];
        int[] x1 = new int[side];
        float[] fx = new float[side];
        for (int x = 0; x < side; x++) {
            float sx = Math.max(0, (x + 0.5f) * w / side - 0.5f);
            x0[x] = Math.min(w - 1, (int) sx);
            x1[x] = Math.min(w - 1, x0[x] + 1);
            fx[x] = sx - (int) sx;
        }
        for (int y = 0; y < side; y++) {
            float sy = Math.max(0, (y + 0.5f) * h / side - 0.5f);
            int y0 = Math.min(h - 1, (int) sy);
            int y1 = Math.min(h - 1, y0 + 1);
            float fy = sy - (int) sy;
            int row0 = y0 * w;
            int row1 = y1 * w;
            for (int x = 0; x < side; x++) {
                int a = pixels[row0 + x0[x]], b = pixels[row0 + x1[x]];
                int c = pixels[row1 + x0[x]], d = pixels[row1 + x1[x]];
                int i = y * side + x;
                for (int ch = 0; ch < 3; ch++) {
                    int shift = 16 - 8 * ch;
                    float top = ((a >> shift) & 0xff) * (1 - fx[x]) + ((b >> shift) & 0xff) * fx[x];
                    float bottom = ((c >> shift) & 0xff) * (1 - fx[x]) + ((d >> shift) & 0xff) * fx[x];
                    float v = top * (1 - fy) + bottom * fy;
                    out[ch * plane + i] = (v - 128f) / 256f;
                }
            }
        }
        return out;
    }
}
