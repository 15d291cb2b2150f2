package dev.orfeas.mesh.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Turns a stored ARGB image upright according to its EXIF orientation (1–8), exactly (no resampling). */
final class OrientationTransform {

    private OrientationTransform() {
    }

    static BufferedImage apply(BufferedImage stored, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] src = ((DataBufferInt) stored.getRaster().getDataBuffer()).getData();
        BufferedImage upright = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // (sx, sy): the stored pixel shown at upright (x, y), per the EXIF 2.3 orientation table.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                dst[y * outW + x] = src[sy * w + sx];
            }
        }
        return upright;
    }
}
