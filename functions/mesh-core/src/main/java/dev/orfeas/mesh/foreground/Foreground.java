package dev.orfeas.mesh.foreground;

/**
 * The object's silhouette in working-resolution pixels, and how it was found.
 *
 * @param mask  silhouette at working resolution
 * @param scale source pixels per working pixel (≥ 1)
 * @param mode  alpha, segmented or relief
 */
public record Foreground(Mask mask, double scale, ForegroundMode mode) {
}
