package dev.orfeas.mesh.export;

import dev.orfeas.mesh.quality.MeshCheck;
import dev.orfeas.mesh.quality.MeshChecks;
import dev.orfeas.mesh.surface.Mesh;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fixtures the export tests rely on are what they claim: closed, manifold, outward-wound. */
class TestMeshesTests {

    @Test
    void cubeAndSpheresAreWatertightAndOutwardWound() {
        for (Mesh mesh : new Mesh[] {TestMeshes.cube8(), TestMeshes.sphere(5, 7), TestMeshes.sphere(40, 33)}) {
            MeshCheck check = MeshChecks.check(mesh);

            assertThat(check.watertight()).as(check.toString()).isTrue();
            assertThat(check.genus()).isZero();
        }
    }

    @Test
    void cube24SidesAreOutwardWound() {
        Mesh cube = TestMeshes.cube24();

        assertThat(MeshChecks.check(cube).signedVolume()).isCloseTo(1.0, within(1e-6));
        assertThat(cube.vertexCount()).isEqualTo(24);
    }
}
