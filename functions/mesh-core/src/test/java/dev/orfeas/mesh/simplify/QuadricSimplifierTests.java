package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.quality.MeshCheck;
import dev.orfeas.mesh.quality.MeshChecks;
import dev.orfeas.mesh.surface.Mesh;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuadricSimplifierTests {

    private static final Mesh SPHERE = TestMeshes.sphere(5);

    @Test
    void sphereSimplifiedTenfoldStaysWatertightAndRound() {
        MeshCheck before = MeshChecks.check(SPHERE);

        Mesh out = QuadricSimplifier.simplify(SPHERE, 2000);

        MeshCheck after = MeshChecks.check(out);
        assertThat(SPHERE.faceCount()).isEqualTo(20480);
        assertThat(out.faceCount()).isBetween(1900, 2000);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.components()).isEqualTo(1);
        assertThat(after.genus()).isZero();
        assertThat(after.signedVolume()).isCloseTo(before.signedVolume(), within(0.02 * before.signedVolume()));
        assertThat(maxVertexDistanceFromUnitSphere(out)).isLessThan(0.01);
        assertThat(maxCentroidDistanceFromUnitSphere(out)).isLessThan(0.02);
    }

    @Test
    void torusKeepsItsHole() {
        Mesh torus = TestMeshes.torus(1.0, 0.3, 200, 100);

        Mesh out = QuadricSimplifier.simplify(torus, 2000);

        MeshCheck after = MeshChecks.check(out);
        assertThat(out.faceCount()).isBetween(1900, 2000);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.components()).isEqualTo(1);
        assertThat(after.genus()).isEqualTo(1);
    }

    @Test
    void separateSpheresStaySeparate() {
        Mesh two = TestMeshes.twoApart(SPHERE, 3f);

        Mesh out = QuadricSimplifier.simplify(two, 1000);

        MeshCheck after = MeshChecks.check(out);
        assertThat(out.faceCount()).isBetween(900, 1000);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.components()).isEqualTo(2);
        assertThat(after.genus()).isZero();
    }

    @Test
    void flatSlabKeepsItsSharpRimAndThickness() {
        Mesh slab = TestMeshes.slab(100, 0.03);
        MeshCheck before = MeshChecks.check(slab);

        Mesh out = QuadricSimplifier.simplify(slab, 1000);

        MeshCheck after = MeshChecks.check(out);
        assertThat(before.watertight()).isTrue();
        assertThat(out.faceCount()).isLessThanOrEqualTo(1000);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.genus()).isZero();
        float[] b = out.bounds();
        assertThat(b[5] - b[2]).isCloseTo(0.06f, within(0.06f * 0.02f));
        assertThat(b[3] - b[0]).isCloseTo(1f, within(0.02f));
        assertThat(b[4] - b[1]).isCloseTo(1f, within(0.02f));
        assertThat(after.signedVolume()).isCloseTo(before.signedVolume(), within(0.03 * before.signedVolume()));
    }

    @Test
    void reliefKeepsVolumeAndRim() {
        Mesh relief = TestMeshes.relief(120);
        MeshCheck before = MeshChecks.check(relief);

        Mesh out = QuadricSimplifier.simplify(relief, 4000);

        MeshCheck after = MeshChecks.check(out);
        assertThat(before.watertight()).isTrue();
        assertThat(out.faceCount()).isBetween(3900, 4000);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.signedVolume()).isCloseTo(before.signedVolume(), within(0.03 * before.signedVolume()));
        float[] bIn = relief.bounds();
        float[] bOut = out.bounds();
        for (int axis = 0; axis < 6; axis++) {
            assertThat(bOut[axis]).isCloseTo(bIn[axis], within(0.01f));
        }
    }

    @Test
    void sameInputGivesIdenticalOutput() {
        Mesh first = QuadricSimplifier.simplify(SPHERE, 3000);
        Mesh second = QuadricSimplifier.simplify(SPHERE, 3000);

        assertThat(second.positions()).isEqualTo(first.positions());
        assertThat(second.triangles()).isEqualTo(first.triangles());
    }

    @Test
    void targetAtOrAboveFaceCountReturnsMeshUnchanged() {
        assertThat(QuadricSimplifier.simplify(SPHERE, SPHERE.faceCount())).isSameAs(SPHERE);
        assertThat(QuadricSimplifier.simplify(SPHERE, SPHERE.faceCount() + 10)).isSameAs(SPHERE);
    }

    @Test
    void neverCollapsesBelowATetrahedron() {
        Mesh out = QuadricSimplifier.simplify(TestMeshes.sphere(2), 0);

        MeshCheck after = MeshChecks.check(out);
        assertThat(out.faceCount()).isBetween(4, 40);
        assertThat(after.watertight()).as(after.toString()).isTrue();
        assertThat(after.genus()).isZero();
    }

    @Test
    void outputHasNoUnusedVertices() {
        Mesh out = QuadricSimplifier.simplify(SPHERE, 500);

        boolean[] used = new boolean[out.vertexCount()];
        for (int v : out.triangles()) {
            used[v] = true;
        }
        assertThat(used).doesNotContain(false);
        assertThat(out.vertexCount()).isEqualTo(out.faceCount() / 2 + 2);
    }

    private static double maxVertexDistanceFromUnitSphere(Mesh m) {
        double worst = 0;
        for (int v = 0; v < m.vertexCount(); v++) {
            worst = Math.max(worst, Math.abs(Math.sqrt(sq(m.x(v)) + sq(m.y(v)) + sq(m.z(v))) - 1));
        }
        return worst;
    }

    private static double maxCentroidDistanceFromUnitSphere(Mesh m) {
        int[] t = m.triangles();
        double worst = 0;
        for (int i = 0; i < t.length; i += 3) {
            double x = (m.x(t[i]) + m.x(t[i + 1]) + m.x(t[i + 2])) / 3.0;
            double y = (m.y(t[i]) + m.y(t[i + 1]) + m.y(t[i + 2])) / 3.0;
            double z = (m.z(t[i]) + m.z(t[i + 1]) + m.z(t[i + 2])) / 3.0;
            worst = Math.max(worst, Math.abs(Math.sqrt(x * x + y * y + z * z) - 1));
        }
        return worst;
    }

    private static double sq(double v) {
        return v * v;
    }
}
