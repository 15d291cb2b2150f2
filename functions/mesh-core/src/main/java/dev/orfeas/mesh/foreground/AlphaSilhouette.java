package dev.orfeas.mesh.foreground;

/**
 * Reads a silhouette from alpha, but only when alpha really separates object from background: an all-opaque or
 * uniformly semi-transparent alpha carries no silhouette (then this returns null and colour segmentation runs).
 */
final class AlphaSilhouette {

    private static final float CLEAR = 0.1f;
    private static final float SOLID = 0.5f;
    private static final double MIN_CLEAR_SHARE = 0.01;
    private static final float MIN_RANGE = 0.4f;

    private AlphaSilhouette() {
    }

    /** True when every pixel is (nearly) fully transparent. */
    static boolean fullyTransparent(WorkingImage img) {
        for (float a : img.alpha) {
            if (a > 0.02f) {
                return false;
            }
        }
        return true;
    }

    static Mask extract(WorkingImage img) {
        float min = 1;
        float max = 0;
        int clear = 0;
        for (float a : img.alpha) {
            min = Math.min(min, a);
            max = Math.max(max, a);
            if (a < CLEAR) {
                clear++;
            }
        }
        if (max - min < MIN_RANGE || clear < MIN_CLEAR_SHARE * img.size()) {
            return null;
        }
        Mask mask = new Mask(img.width, img.height);
        for (int i = 0; i < img.size(); i++) {
            mask.cells()[i] = img.alpha[i] >= SOLID;
        }
        return mask;
    }
}
