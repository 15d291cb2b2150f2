package dev.orfeas.mesh.field;

/**
 * Heights at the grid corners, in cell units: the front sheet at {@code front}, the back sheet at {@code back}
 * (front > back everywhere the object is). Row-major, (grid.width + 1) × (grid.height + 1).
 */
public record HeightField(FieldGrid grid, float[] front, float[] back, FieldMode mode) {

    public float front(int cx, int cy) {
        return front[cy * grid.cornersWide() + cx];
    }

    public float back(int cx, int cy) {
        return back[cy * grid.cornersWide() + cx];
    }
}
