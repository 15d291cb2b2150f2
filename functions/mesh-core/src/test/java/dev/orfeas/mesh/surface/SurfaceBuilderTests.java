package dev.orfeas.mesh.surface;

import dev.orfeas.mesh.field.FieldGrid;
import dev.orfeas.mesh.field.FieldMode;
import dev.orfeas.mesh.field.HeightField;
import dev.orfeas.mesh.quality.MeshCheck;
import dev.orfeas.mesh.quality.MeshChecks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Surfaces from hand-drawn grids (no engine needed): every shape must come out closed and manifold. */
class SurfaceBuilderTests {

    /** Rows of '#' (inside) and '.' (outside); a one-cell empty frame is added around them. */
    static FieldGrid grid(String... rows) {
        int w = rows[0].length() + 2;
        int h = rows.length + 2;
        boolean[] inside = new boolean[w * h];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                inside[(y + 1) * w + x + 1] = rows[y].charAt(x) == '#';
            }
        }
        float[] zeros = new float[w * h];
        return new FieldGrid(w, h, inside, zeros, zeros, zeros, zeros, 0, 0, 1);
    }

    /** A simple dome: height 1 + (count of inside neighbours), so front and back differ everywhere. */
    static HeightField dome(FieldGrid grid) {
        int cw = grid.cornersWide();
        float[] front = new float[cw * grid.cornersHigh()];
        float[] back = new float[front.length];
        for (int y = 0; y < grid.cornersHigh(); y++) {
            for (int x = 0; x < cw; x++) {
                front[y * cw + x] = grid.isInteriorCorner(x, y) ? 2f : 0.75f;
                back[y * cw + x] = -front[y * cw + x];
            }
        }
        return new HeightField(grid, front, back, FieldMode.INFLATE);
    }

    private static MeshCheck build(String... rows) {
        Surface surface = SurfaceBuilder.build(dome(grid(rows)));
        return MeshChecks.check(surface.mesh());
    }

    @Test
    void squareBecomesAClosedBox() {
        MeshCheck check = build("####", "####", "####");
        assertThat(check.watertight()).isTrue();
        assertThat(check.genus()).isZero();
        assertThat(check.components()).isEqualTo(1);
    }

    @Test
    void singleCellIsStillASolid() {
        MeshCheck check = build("#");
        assertThat(check.watertight()).isTrue();
    }

    @Test
    void ringKeepsItsHoleAsGenusOne() {
        MeshCheck check = build("#####", "#...#", "#...#", "#####");
        assertThat(check.watertight()).isTrue();
        assertThat(check.genus()).isEqualTo(1);
    }

    @Test
    void separateShapesStaySeparateComponents() {
        MeshCheck check = build("##..##", "##..##", "......", "###...");
        assertThat(check.watertight()).isTrue();
        assertThat(check.components()).isEqualTo(3);
    }

    @Test
    void oneCellWideStrokesAreClosed() {
        MeshCheck check = build("#.....", "######", "#....#", "#....#");
        assertThat(check.watertight()).isTrue();
    }

    @Test
    void cellsTouchingOnlyAtACornerAreJoinedNotPinched() {
        // Built through the sampler's rule: a diagonal pair is made well-composed before meshing.
        FieldGrid raw = grid("#.", ".#");
        dev.orfeas.mesh.field.GridSamplerAccess.makeWellComposed(raw);
        MeshCheck check = MeshChecks.check(SurfaceBuilder.build(dome(raw)).mesh());
        assertThat(check.watertight()).isTrue();
        assertThat(check.nonManifoldVertices()).isZero();
    }

    @Test
    void meshIsCentredInTheUnitBox() {
        Surface surface = SurfaceBuilder.build(dome(grid("########", "########")));
        float[] b = surface.mesh().bounds();
        float extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        assertThat(extent).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        for (int axis = 0; axis < 3; axis++) {
            assertThat(b[axis] + b[axis + 3]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void projectionMapsTheGridOntoTheTexture() {
        String row = "##########";
        Surface surface = SurfaceBuilder.build(dome(grid(row, row, row, row, row, row, row, row)));
        GridProjection projection = surface.projection();
        float[] b = surface.mesh().bounds();
        // The inside spans corners 1..11 of a 12-cell-wide grid, rows 1..9 of a 10-cell-high one; rim smoothing
        // rounds the corners but leaves the middle of long straight edges in place.
        assertThat(projection.u(b[0])).isCloseTo(1 / 12.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(projection.u(b[3])).isCloseTo(11 / 12.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(projection.v(b[4])).isCloseTo(1 / 10.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(projection.v(b[1])).isCloseTo(9 / 10.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
