package dev.orfeas.mesh.field;

/** Shared arithmetic for field sources: the rim thickness, the rounded profile, relief detail, quantisation. */
final class Heights {

    /** Half-thickness at the silhouette, in cells: keeps front and back apart so thin strokes stay solid. */
    static final float RIM = 0.75f;
    /** Heights snap to 1/1024 of a cell so the last float bit of the solver never changes the output bytes. */
    private static final float QUANTUM = 1f / 1024;
    /** Strongest luminance relief, as a share of the tallest height. */
    private static final float DETAIL_SHARE = 0.2f;

    private Heights() {
    }

    /** z = √(h + rim²): the round Poisson profile, lifted so the silhouette has a thin wall. */
    static float profile(float h) {
        return (float) Math.sqrt(Math.max(0f, h) + RIM * RIM);
    }

    static float quantise(float z) {
        return Math.round(z / QUANTUM) * QUANTUM;
    }

    /**
     * Adds luminance relief to the front: brighter parts come forward, fading to nothing at the silhouette
     * (weight 0..1 per corner) so the rim stays where it is.
     */
    static void addDetail(FieldGrid grid, float[] front, float[] weight, double detail) {
        if (detail <= 0) {
            return;
        }
        int w = grid.cornersWide();
        float max = 0;
        double lumSum = 0;
        int n = 0;
        for (int i = 0; i < front.length; i++) {
            if (weight[i] > 0) {
                max = Math.max(max, front[i]);
                lumSum += grid.cornerLuminance(i % w, i / w);
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        float mean = (float) (lumSum / n);
        float amplitude = (float) (DETAIL_SHARE * detail) * max;
        for (int i = 0; i < front.length; i++) {
            if (weight[i] > 0) {
                front[i] += amplitude * (grid.cornerLuminance(i % w, i / w) - mean) * weight[i];
            }
        }
    }
}
