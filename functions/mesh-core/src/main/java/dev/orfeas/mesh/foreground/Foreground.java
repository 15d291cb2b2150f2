package dev.orfeas.mesh.foreground;

/**
 * The object's silhouette in working-resolution pixels, and how it was found.
 *
 * @param mask      silhouette at working resolution
 * @param scale     source pixels per working pixel (≥ 1)
 * @param mode      alpha, segmented, model or relief
 * @param softAlpha the model's saliency at working resolution (0..1), or null for the other modes
 * @param model     the segmentation model's id when {@code mode} is MODEL, else null
 * @param kept      components kept in the silhouette
 * @param dropped   components dropped as not part of the main object
 */
public record Foreground(Mask mask, double scale, ForegroundMode mode, float[] softAlpha, String model, int kept,
                         int dropped) {

    public Foreground(Mask mask, double scale, ForegroundMode mode) {
        this(mask, scale, mode, null, null, Components.label(mask).areas.length - 1, 0);
    }

    /** Share of the working image inside the silhouette. */
    public double coverage() {
        return mask.count() / (double) (mask.width() * mask.height());
    }
}
