package dev.orfeas.mesh.foreground;

/**
 * Decides whether a colour segmentation found an object or just carved up a busy photo. An object on a backdrop
 * is one main piece, stays mostly clear of the frame, and stands out from the backdrop all along its outline. A
 * photo without a backdrop (a face close-up, a room, a landscape) segments into fragments, or into pieces whose
 * outline runs through similar colours. Those go to relief mode instead of becoming a useless blob.
 */
final class SegmentationCheck {

    /** The biggest piece must hold at least this share of all foreground. */
    private static final double MIN_MAIN_PIECE_SHARE = 0.6;
    /** At most this share of the frame's pixels may be foreground (objects may stand on the bottom edge). */
    private static final double MAX_FRAME_SHARE = 0.3;
    /** The outline's median colour distance from the backdrop must be this many times the cut threshold… */
    private static final double MIN_CONTRAST_RATIO = 1.8;
    /** …and at least this many ΔE. */
    private static final double MIN_CONTRAST = 15;

    private SegmentationCheck() {
    }

    static boolean looksLikeAnObject(WorkingImage img, Mask mask, BorderPalette palette) {
        Components parts = Components.label(mask);
        int total = 0;
        for (int i = 1; i < parts.areas.length; i++) {
            total += parts.areas[i];
        }
        if (total == 0) {
            return true; // nothing found: the caller reports "no foreground"
        }
        return parts.largestArea() >= MIN_MAIN_PIECE_SHARE * total
                && frameShare(mask) <= MAX_FRAME_SHARE
                && outlineContrast(img, mask, palette) >= Math.max(MIN_CONTRAST, MIN_CONTRAST_RATIO * palette.threshold);
    }

    /** Median colour distance from the backdrop of object pixels two steps inside the outline (past the blend). */
    private static double outlineContrast(WorkingImage img, Mask mask, BorderPalette palette) {
        int w = mask.width();
        int h = mask.height();
        double[] samples = new double[mask.count()];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask.get(x, y)) {
                    continue;
                }
                boolean outline = !mask.get(x - 2, y) || !mask.get(x + 2, y) || !mask.get(x, y - 2) || !mask.get(x, y + 2);
                if (outline && mask.get(x - 1, y) && mask.get(x + 1, y) && mask.get(x, y - 1) && mask.get(x, y + 1)) {
                    samples[n++] = palette.distance(img, y * w + x);
                }
            }
        }
        if (n == 0) {
            return Double.MAX_VALUE; // too thin to have an inner outline: thin strokes on a plain backdrop
        }
        java.util.Arrays.sort(samples, 0, n);
        return samples[n / 2];
    }

    private static double frameShare(Mask mask) {
        int w = mask.width();
        int h = mask.height();
        int frame = 0;
        int covered = 0;
        for (int x = 0; x < w; x++) {
            covered += (mask.get(x, 0) ? 1 : 0) + (mask.get(x, h - 1) ? 1 : 0);
            frame += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            covered += (mask.get(0, y) ? 1 : 0) + (mask.get(w - 1, y) ? 1 : 0);
            frame += 2;
        }
        return covered / (double) frame;
    }
}
