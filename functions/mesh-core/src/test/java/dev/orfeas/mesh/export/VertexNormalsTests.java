package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VertexNormalsTests {

    @Test
    void octahedronVertexNormalsPointAlongTheAxes() {
        float[] p = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1};
        int[] t = new int[24];
        int f = 0;
        for (int octant = 0; octant < 8; octant++) {
            int x = (octant & 1) == 0 ? 0 : 1;
            int y = (octant & 2) == 0 ? 2 : 3;
            int z = (octant & 4) == 0 ? 4 : 5;
            boolean flip = Integer.bitCount(octant) % 2 == 1; // an odd number of negative axes mirrors the winding
            t[f++] = x;
            t[f++] = flip ? z : y;
            t[f++] = flip ? y : z;
        }

        float[] n = VertexNormals.of(new Mesh(p, t));

        for (int i = 0; i < p.length; i++) {
            assertThat(n[i]).isCloseTo(p[i], within(1e-6f));
        }
    }

    @Test
    void cubeCornerNormalsPointOutwardWithUnitLength() {
        Mesh cube = TestMeshes.cube8();

        float[] n = VertexNormals.of(cube);

        for (int v = 0; v < 8; v++) {
            assertThat(Math.signum(n[3 * v])).isEqualTo(Math.signum(cube.x(v)));
            assertThat(Math.signum(n[3 * v + 1])).isEqualTo(Math.signum(cube.y(v)));
            assertThat(Math.signum(n[3 * v + 2])).isEqualTo(Math.signum(cube.z(v)));
            assertThat(Math.sqrt(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2]))
                    .isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void largerFacesWeighMore() {
        // two faces share vertex 0: a big one facing +z and a small one facing +x
        Mesh mesh = new Mesh(new float[] {0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 1, 0, 1, 0},
                new int[] {0, 1, 2, 0, 4, 3});

        float[] n = VertexNormals.of(mesh);

        assertThat(n[2]).isGreaterThan(0.99f);
        assertThat(n[0]).isPositive().isLessThan(0.02f);
    }

    @Test
    void vertexWithoutAreaFallsBackToAUnitNormal() {
        // vertex 3 is used by no face; vertices 4-6 only by a degenerate one; vertex 7 sits on the centre
        Mesh mesh = new Mesh(new float[] {-1, -1, 0, 1, -1, 0, 0, 1, 0, 5, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                2, 0, 0.5f}, new int[] {0, 1, 2, 4, 5, 6});

        float[] n = VertexNormals.of(mesh);

        for (int v = 0; v < mesh.vertexCount(); v++) {
            double length = Math.sqrt(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2]);
            assertThat(length).as("vertex %d", v).isCloseTo(1.0, within(1e-6));
        }
        // the unused vertex points away from the bounds' centre (2, 0, 0.5); the one on the centre gets +Z
        assertThat(new float[] {n[9], n[10], n[11]}).usingComparatorWithPrecision(1e-6f)
                .containsExactly((float) (3 / Math.sqrt(9.25)), 0f, (float) (-0.5 / Math.sqrt(9.25)));
        assertThat(new float[] {n[21], n[22], n[23]}).containsExactly(0f, 0f, 1f);
    }
}
