package dev.orfeas.mesh.field;

/**
 * The object on the surface grid: which cells are inside (with a one-cell empty frame, so the silhouette never
 * touches the grid edge), and each cell's colour. Corners are the grid's vertices: (width + 1) × (height + 1).
 *
 * @param width      cells across, frame included
 * @param height     cells down, frame included
 * @param inside     row-major, well-composed (no two inside cells touch only at a corner)
 * @param red        per-cell mean colour, 0-1 (also green, blue)
 * @param luminance  per-cell relative luminance, 0-1
 * @param originX    source-image x of the grid's left edge
 * @param originY    source-image y of the grid's top edge
 * @param cellSize   source pixels per cell
 */
public record FieldGrid(int width, int height, boolean[] inside, float[] red, float[] green, float[] blue,
                        float[] luminance, double originX, double originY, double cellSize) {

    public boolean isInside(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x];
    }

    public int cornersWide() {
        return width + 1;
    }

    public int cornersHigh() {
        return height + 1;
    }

    public int insideCount() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** A corner is interior when all four cells around it are inside. */
    public boolean isInteriorCorner(int cx, int cy) {
        return isInside(cx - 1, cy - 1) && isInside(cx, cy - 1) && isInside(cx - 1, cy) && isInside(cx, cy);
    }

    /** Mean luminance of the inside cells around a corner (0 when none). */
    public float cornerLuminance(int cx, int cy) {
        float sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 0; dy++) {
            for (int dx = -1; dx <= 0; dx++) {
                if (isInside(cx + dx, cy + dy)) {
                    sum += luminance[(cy + dy) * width + cx + dx];
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
