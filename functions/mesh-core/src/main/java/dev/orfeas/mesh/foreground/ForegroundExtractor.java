package dev.orfeas.mesh.foreground;

import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.decode.DecodedImage;

/**
 * Finds the object: alpha silhouette when alpha separates, else border-estimated background segmentation, else
 * relief mode (the whole picture). Uniform images, fully transparent images and specks are rejected as
 * {@link ImageRejectedException.NoForeground}.
 */
public final class ForegroundExtractor {

    /** The largest component must cover at least this share of the image (and 16 working pixels). */
    private static final double MIN_OBJECT_SHARE = 0.001;
    /** All but 0.01% of pixels within this colour distance of the mean = a uniform image (a few stray pixels are noise, not an object). */
    private static final double UNIFORM_DELTA_E = 2.5;
    /** A plain backdrop: this share of pixels within this colour distance of its colours. */
    private static final double PLAIN_DELTA_E = 8;
    private static final double PLAIN_SHARE = 0.97;

    public Foreground extract(DecodedImage decoded) {
        WorkingImage img = WorkingImage.of(decoded.image());
        if (decoded.hasAlpha() && AlphaSilhouette.fullyTransparent(img)) {
            throw new ImageRejectedException.NoForeground("image is fully transparent: nothing to model");
        }
        Mask raw = decoded.hasAlpha() ? AlphaSilhouette.extract(img) : null;
        ForegroundMode mode = ForegroundMode.ALPHA;
        BackgroundSegmenter.Segmentation segmentation = null;
        if (raw == null) {
            if (isUniform(img)) {
                throw new ImageRejectedException.NoForeground("image is a single uniform colour: nothing to model");
            }
            segmentation = BackgroundSegmenter.segment(img);
            if (segmentation == null) {
                return relief(img);
            }
            raw = segmentation.mask();
            mode = ForegroundMode.SEGMENTED;
        }
        Mask mask = MaskCleanup.clean(raw);
        if (segmentation != null && !SegmentationCheck.looksLikeAnObject(img, mask, segmentation.palette())) {
            return relief(img);
        }
        int largest = Components.label(mask).largestArea();
        if (largest < Math.max(16, MIN_OBJECT_SHARE * img.size())) {
            // Nothing left after cutting the backdrop: a plain backdrop with a speck on it has nothing to model,
            // but a texture-like picture (grass, gravel, a page of text) was eaten whole by its own colours.
            if (segmentation != null && !plainBackdrop(img, segmentation.palette())) {
                return relief(img);
            }
            throw new ImageRejectedException.NoForeground(
                    "the object is only a speck (" + largest + " of " + img.size() + " working pixels): nothing to model");
        }
        return new Foreground(mask, img.scale, mode);
    }

    /** Nearly every pixel within a tight colour distance of the backdrop colours. */
    private static boolean plainBackdrop(WorkingImage img, BorderPalette palette) {
        int near = 0;
        for (int i = 0; i < img.size(); i++) {
            if (palette.distance(img, i) < PLAIN_DELTA_E) {
                near++;
            }
        }
        return near >= PLAIN_SHARE * img.size();
    }

    private static Foreground relief(WorkingImage img) {
        Mask all = new Mask(img.width, img.height);
        java.util.Arrays.fill(all.cells(), true);
        return new Foreground(all, img.scale, ForegroundMode.RELIEF);
    }

    private static boolean isUniform(WorkingImage img) {
        int n = img.size();
        double l = 0, a = 0, b = 0, alpha = 0;
        for (int i = 0; i < n; i++) {
            l += img.lightness[i];
            a += img.greenRed[i];
            b += img.blueYellow[i];
            alpha += img.alpha[i];
        }
        float[] mean = {(float) (l / n), (float) (a / n), (float) (b / n)};
        double meanAlpha = alpha / n;
        int far = 0;
        for (int i = 0; i < n; i++) {
            if (img.distance(i, mean) > UNIFORM_DELTA_E || Math.abs(img.alpha[i] - meanAlpha) > 0.1) {
                far++;
            }
        }
        return far < 0.0001 * n;
    }
}
