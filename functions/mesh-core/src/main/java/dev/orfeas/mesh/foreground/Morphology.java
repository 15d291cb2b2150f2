package dev.orfeas.mesh.foreground;

/** Binary erosion and dilation with a square window, via summed-area tables (cost independent of radius). */
final class Morphology {

    private Morphology() {
    }

    static Mask open(Mask mask, int radius) {
        return dilate(erode(mask, radius), radius);
    }

    static Mask close(Mask mask, int radius) {
        return erode(dilate(mask, radius), radius);
    }

    static Mask erode(Mask mask, int radius) {
        int window = (2 * radius + 1) * (2 * radius + 1);
        return filter(mask, radius, count -> count == window, true);
    }

    static Mask dilate(Mask mask, int radius) {
        return filter(mask, radius, count -> count > 0, false);
    }

    private interface Rule {
        boolean keep(int insideCount);
    }

    /** Outside the image counts as {@code outsideValue}: erosion treats the frame as inside so edges don't shrink. */
    private static Mask filter(Mask mask, int radius, Rule rule, boolean outsideValue) {
        int w = mask.width();
        int h = mask.height();
        int pw = w + 2 * radius;
        int ph = h + 2 * radius;
        int[] sat = new int[(pw + 1) * (ph + 1)];
        for (int y = 0; y < ph; y++) {
            int rowSum = 0;
            for (int x = 0; x < pw; x++) {
                int sx = x - radius;
                int sy = y - radius;
                boolean in = (sx < 0 || sy < 0 || sx >= w || sy >= h) ? outsideValue : mask.get(sx, sy);
                rowSum += in ? 1 : 0;
                sat[(y + 1) * (pw + 1) + x + 1] = sat[y * (pw + 1) + x + 1] + rowSum;
            }
        }
        Mask out = new Mask(w, h);
        int side = 2 * radius + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int x1 = x + side;
                int y1 = y + side;
                int count = sat[y1 * (pw + 1) + x1] - sat[y * (pw + 1) + x1] - sat[y1 * (pw + 1) + x] + sat[y * (pw + 1) + x];
                out.set(x, y, rule.keep(count));
            }
        }
        return out;
    }
}
