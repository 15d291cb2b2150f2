package dev.orfeas.mesh.foreground;

/**
 * Separates an object from a backdrop: flood fill from the border through background-coloured pixels, then
 * background-coloured regions enclosed by the object that are large enough become holes (a ring's middle).
 * Returns null when the border is too varied to call a backdrop, or nearly everything is foreground.
 */
final class BackgroundSegmenter {

    private static final double MIN_BORDER_COVERAGE = 0.6;
    private static final double MAX_FOREGROUND_SHARE = 0.95;
    private static final double MIN_HOLE_SHARE = 0.002;

    private BackgroundSegmenter() {
    }

    /** The object mask and the backdrop colours it was cut from. */
    record Segmentation(Mask mask, BorderPalette palette) {
    }

    static Segmentation segment(WorkingImage img) {
        BorderPalette palette = BorderPalette.estimate(img);
        if (palette.colours.isEmpty() || palette.coverage < MIN_BORDER_COVERAGE) {
            return null;
        }
        int w = img.width;
        int h = img.height;
        int n = img.size();
        boolean[] backgroundLike = new boolean[n];
        for (int i = 0; i < n; i++) {
            backgroundLike[i] = palette.distance(img, i) < palette.threshold;
        }
        boolean[] reached = floodFromBorder(backgroundLike, w, h);
        Mask holes = new Mask(w, h);
        for (int i = 0; i < n; i++) {
            holes.cells()[i] = backgroundLike[i] && !reached[i];
        }
        Mask bigHoles = Components.label(holes).keepAtLeast(holes, (int) Math.ceil(MIN_HOLE_SHARE * n));
        Mask foreground = new Mask(w, h);
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean in = !reached[i] && !bigHoles.cells()[i];
            foreground.cells()[i] = in;
            count += in ? 1 : 0;
        }
        return count > MAX_FOREGROUND_SHARE * n ? null : new Segmentation(foreground, palette);
    }

    private static boolean[] floodFromBorder(boolean[] passable, int w, int h) {
        boolean[] reached = new boolean[passable.length];
        int[] stack = new int[passable.length];
        int top = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                if (edge && passable[i] && !reached[i]) {
                    reached[i] = true;
                    stack[top++] = i;
                }
            }
        }
        while (top > 0) {
            int p = stack[--top];
            int x = p % w;
            int y = p / w;
            if (x > 0 && passable[p - 1] && !reached[p - 1]) { reached[p - 1] = true; stack[top++] = p - 1; }
            if (x < w - 1 && passable[p + 1] && !reached[p + 1]) { reached[p + 1] = true; stack[top++] = p + 1; }
            if (y > 0 && passable[p - w] && !reached[p - w]) { reached[p - w] = true; stack[top++] = p - w; }
            if (y < h - 1 && passable[p + w] && !reached[p + w]) { reached[p + w] = true; stack[top++] = p + w; }
        }
        return reached;
    }
}
