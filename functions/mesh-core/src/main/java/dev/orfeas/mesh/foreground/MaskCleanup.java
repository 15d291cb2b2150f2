package dev.orfeas.mesh.foreground;

/**
 * Morphological clean-up of a raw silhouette: open (drop noise), close (mend cracks), drop insignificant
 * components, fill pinholes. Radii scale with the working size.
 */
final class MaskCleanup {

    /** Components smaller than this share of the largest one are dropped. */
    private static final double MIN_COMPONENT_SHARE = 0.02;
    /** Enclosed gaps smaller than this share of the image are filled. */
    private static final double PINHOLE_SHARE = 0.0005;

    private MaskCleanup() {
    }

    static Mask clean(Mask raw) {
        int side = Math.max(raw.width(), raw.height());
        int radius = Math.max(1, Math.round(side / 256f));
        Mask mask = Morphology.close(Morphology.open(raw, radius), radius);
        Components parts = Components.label(mask);
        int keep = (int) Math.max(4, Math.ceil(MIN_COMPONENT_SHARE * parts.largestArea()));
        mask = parts.keepAtLeast(mask, keep);
        return fillPinholes(mask);
    }

    private static Mask fillPinholes(Mask mask) {
        Mask gaps = new Mask(mask.width(), mask.height());
        for (int i = 0; i < gaps.cells().length; i++) {
            gaps.cells()[i] = !mask.cells()[i];
        }
        Components parts = Components.label(gaps);
        int limit = (int) Math.ceil(PINHOLE_SHARE * mask.cells().length);
        Mask out = mask.copy();
        int w = mask.width();
        int h = mask.height();
        boolean[] touchesFrame = new boolean[parts.areas.length];
        for (int x = 0; x < w; x++) {
            touchesFrame[parts.labels[x]] = true;
            touchesFrame[parts.labels[(h - 1) * w + x]] = true;
        }
        for (int y = 0; y < h; y++) {
            touchesFrame[parts.labels[y * w]] = true;
            touchesFrame[parts.labels[y * w + w - 1]] = true;
        }
        for (int i = 0; i < parts.labels.length; i++) {
            int label = parts.labels[i];
            if (label != 0 && !touchesFrame[label] && parts.areas[label] < limit) {
                out.cells()[i] = true;
            }
        }
        return out;
    }
}
