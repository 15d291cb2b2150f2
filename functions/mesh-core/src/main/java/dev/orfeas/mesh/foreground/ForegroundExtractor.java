package dev.orfeas.mesh.foreground;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.InvalidOptionsException;
import dev.orfeas.mesh.decode.DecodedImage;
import dev.orfeas.mesh.segment.SegmentationModel;

import java.util.Optional;

/**
 * Finds the object, as the caller's {@link ForegroundChoice} asks: {@code auto} takes a real alpha silhouette, else
 * the learned model when one is installed, else border-estimated background segmentation, else relief mode (the
 * whole picture). Uniform images, fully transparent images and specks are rejected as
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

    private final ModelSegmenter model;

    /** Without a learned model: auto means alpha, then backdrop. */
    public ForegroundExtractor() {
        this(Optional.empty());
    }

    public ForegroundExtractor(Optional<SegmentationModel> model) {
        this.model = model.map(ModelSegmenter::new).orElse(null);
    }

    /** The model's id ("isnet-quint8@7001d607"), or "none". */
    public String modelId() {
        return model == null ? "none" : model.modelId();
    }

    public Foreground extract(DecodedImage decoded) {
        return extract(decoded, ForegroundChoice.AUTO);
    }

    public Foreground extract(DecodedImage decoded, ForegroundChoice choice) {
        WorkingImage img = WorkingImage.of(decoded.image());
        if (choice == ForegroundChoice.NONE) {
            return relief(img);
        }
        if (choice == ForegroundChoice.MODEL && model == null) {
            throw new InvalidOptionsException("foreground=model needs the segmentation model, which this server "
                    + "does not have installed (use auto or backdrop, or install it with scripts/fetch-models.sh)");
        }
        boolean alphaAllowed = choice == ForegroundChoice.AUTO || choice == ForegroundChoice.ALPHA;
        if (alphaAllowed && decoded.hasAlpha() && AlphaSilhouette.fullyTransparent(img)) {
            throw new ImageRejectedException.NoForeground("image is fully transparent: nothing to model");
        }
        Mask alpha = alphaAllowed && decoded.hasAlpha() ? AlphaSilhouette.extract(img) : null;
        if (alpha != null) {
            return checked(img, MaskCleanup.clean(alpha), ForegroundMode.ALPHA, null);
        }
        if (choice == ForegroundChoice.ALPHA) {
            throw new ImageRejectedException.NoForeground(
                    "foreground=alpha, but the image has no alpha channel that outlines an object");
        }
        if (isUniform(img)) {
            throw new ImageRejectedException.NoForeground("image is a single uniform colour: nothing to model");
        }
        if (model != null && choice != ForegroundChoice.BACKDROP) {
            ModelSegmenter.Result found = model.segment(decoded.image(), img);
            // auto: a picture with no salient object (grass, a page of text) still gets the built-in path, which
            // makes a relief of it as before; only an explicit foreground=model answers "nothing found"
            if (choice == ForegroundChoice.AUTO && Components.label(found.mask()).largestArea() < minObject(img)) {
                return backdrop(img);
            }
            Foreground foreground = new Foreground(found.mask(), img.scale, ForegroundMode.MODEL, found.softAlpha(),
                    model.modelId(), found.kept(), found.dropped());
            return checked(img, found.mask(), ForegroundMode.MODEL, foreground);
        }
        return backdrop(img);
    }

    private Foreground backdrop(WorkingImage img) {
        BackgroundSegmenter.Segmentation segmentation = BackgroundSegmenter.segment(img);
        if (segmentation == null) {
            return relief(img);
        }
        Mask mask = MaskCleanup.clean(segmentation.mask());
        if (!SegmentationCheck.looksLikeAnObject(img, mask, segmentation.palette())) {
            return relief(img);
        }
        int largest = Components.label(mask).largestArea();
        if (largest < minObject(img)) {
            // Nothing left after cutting the backdrop: a plain backdrop with a speck on it has nothing to model,
            // but a texture-like picture (grass, gravel, a page of text) was eaten whole by its own colours.
            if (!plainBackdrop(img, segmentation.palette())) {
                return relief(img);
            }
            throw speck(largest, img);
        }
        return new Foreground(mask, img.scale, ForegroundMode.SEGMENTED);
    }

    /** Rejects a silhouette that is only a speck; else returns the foreground (made here unless given). */
    private static Foreground checked(WorkingImage img, Mask mask, ForegroundMode mode, Foreground made) {
        int largest = Components.label(mask).largestArea();
        if (largest < minObject(img)) {
            throw speck(largest, img);
        }
        return made != null ? made : new Foreground(mask, img.scale, mode);
    }

    private static double minObject(WorkingImage img) {
        return Math.max(16, MIN_OBJECT_SHARE * img.size());
    }

    private static ImageRejectedException.NoForeground speck(int largest, WorkingImage img) {
        return new ImageRejectedException.NoForeground(
                "the object is only a speck (" + largest + " of " + img.size() + " working pixels): nothing to model");
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
