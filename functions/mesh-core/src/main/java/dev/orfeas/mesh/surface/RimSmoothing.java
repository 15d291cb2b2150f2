package dev.orfeas.mesh.surface;

/**
 * Rounds off the pixel staircase of the silhouette: a few passes of Laplacian smoothing of the rim corners' x, y
 * along the rim loop (each corner moves toward the midpoint of its rim neighbours), applied to the front and back
 * vertex of a corner alike so the wall stays vertical. Moves are capped well under half a cell, so no face flips
 * and thin strokes keep their width; topology is untouched.
 */
final class RimSmoothing {

    private static final int PASSES = 3;
    private static final float WEIGHT = 0.5f;
    /** No corner moves further than this (cells) from its grid position: a one-cell stroke keeps its width. */
    private static final float MAX_MOVE = 0.3f;

    private RimSmoothing() {
    }

    /**
     * @param nextOnRim for each rim corner, the next corner along the silhouette (inside on the left); −1 elsewhere.
     *                  On a well-composed grid every rim corner has exactly one next and one previous corner.
     */
    static void apply(float[] positions, int[] frontId, int[] backId, int[] nextOnRim) {
        int n = nextOnRim.length;
        int[] previous = new int[n];
        java.util.Arrays.fill(previous, -1);
        for (int c = 0; c < n; c++) {
            if (nextOnRim[c] >= 0) {
                previous[nextOnRim[c]] = c;
            }
        }
        float[] x = new float[n];
        float[] y = new float[n];
        for (int c = 0; c < n; c++) {
            if (nextOnRim[c] >= 0) {
                x[c] = positions[3 * frontId[c]];
                y[c] = positions[3 * frontId[c] + 1];
            }
        }
        float[] nx = new float[n];
        float[] ny = new float[n];
        for (int pass = 0; pass < PASSES; pass++) {
            for (int c = 0; c < n; c++) {
                int next = nextOnRim[c];
                int prev = previous[c];
                if (next >= 0 && prev >= 0) {
                    nx[c] = x[c] + WEIGHT * ((x[next] + x[prev]) / 2 - x[c]);
                    ny[c] = y[c] + WEIGHT * ((y[next] + y[prev]) / 2 - y[c]);
                }
            }
            for (int c = 0; c < n; c++) {
                if (nextOnRim[c] >= 0 && previous[c] >= 0) {
                    x[c] = nx[c];
                    y[c] = ny[c];
                }
            }
        }
        for (int c = 0; c < n; c++) {
            if (nextOnRim[c] >= 0) {
                float ox = positions[3 * frontId[c]];
                float oy = positions[3 * frontId[c] + 1];
                float dx = x[c] - ox;
                float dy = y[c] - oy;
                float length = (float) Math.sqrt(dx * dx + dy * dy);
                float keep = length > MAX_MOVE ? MAX_MOVE / length : 1f;
                for (int vertex : new int[] {frontId[c], backId[c]}) {
                    positions[3 * vertex] = ox + dx * keep;
                    positions[3 * vertex + 1] = oy + dy * keep;
                }
            }
        }
    }
}
