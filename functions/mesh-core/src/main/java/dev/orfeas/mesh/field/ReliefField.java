package dev.orfeas.mesh.field;

/**
 * Relief mode, for pictures with no separable background: a closed slab with a flat back whose front carries the
 * image's luminance as relief (brighter = nearer), like a lithophane-style plaque.
 */
public final class ReliefField implements FieldSource {

    /** Slab half-thickness and relief depth, as shares of the grid's longest side. */
    private static final float BASE = 0.03f;
    private static final float MIN_RELIEF = 0.03f;
    private static final float EXTRA_RELIEF = 0.07f;

    @Override
    public HeightField compute(FieldGrid grid, double detail) {
        int w = grid.cornersWide();
        int h = grid.cornersHigh();
        float side = Math.max(grid.width(), grid.height());
        float base = BASE * side;
        float depth = (float) (MIN_RELIEF + EXTRA_RELIEF * detail) * side;
        float[] front = new float[w * h];
        float[] back = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                front[i] = Heights.quantise(base + depth * grid.cornerLuminance(x, y));
                back[i] = -base;
            }
        }
        return new HeightField(grid, front, back, FieldMode.RELIEF);
    }

    @Override
    public String id() {
        return "relief-v1";
    }
}
