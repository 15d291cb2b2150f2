package dev.orfeas.mesh.foreground;

import dev.orfeas.mesh.segment.SegmentationModel;

import java.awt.image.BufferedImage;

/**
 * The learned path: the model's saliency map, brought to the working size, thresholded into a silhouette and
 * cleaned like any other, keeping the main object. The soft map stays with the result so texture bleeding treats
 * half-salient rim pixels as background blend, not object colour.
 */
final class ModelSegmenter {

    /** Saliency at or above this is object. */
    static final float THRESHOLD = 0.5f;

    private final SegmentationModel model;

    ModelSegmenter(SegmentationModel model) {
        this.model = model;
    }

    String modelId() {
        return model.id();
    }

    record Result(Mask mask, float[] softAlpha, int kept, int dropped) {
    }

    Result segment(BufferedImage image, WorkingImage working) {
        float[] map = model.predict(image);
        float[] soft = resample(map, model.side(), working.width, working.height);
        Mask raw = new Mask(working.width, working.height);
        for (int i = 0; i < soft.length; i++) {
            raw.cells()[i] = soft[i] >= THRESHOLD;
        }
        Mask cleaned = MaskCleanup.clean(raw);
        SalientObject.Selection main = SalientObject.keepMain(cleaned, soft);
        return new Result(main.mask(), soft, main.kept(), main.dropped());
    }

    /** Area-averaged resampling of the side² map onto a w × h grid (the working image covers the same frame). */
    static float[] resample(float[] map, int side, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * side / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * side / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * side / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * side / w));
                double sum = 0;
                for (int sy = y0; sy < y1; sy++) {
                    int row = sy * side;
                    for (int sx = x0; sx < x1; sx++) {
                        sum += map[row + sx];
                    }
                }
                out[y * w + x] = (float) (sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return out;
    }
}
