package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StlExporterTests {

    private final StlExporter exporter = new StlExporter();

    @Test
    void binaryStlReadsBackWithEveryFaceItsVerticesAndAnOutwardUnitNormal() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(8, 10));
        Mesh mesh = textured.mesh();

        MeshExport export = exporter.export(textured, "model");
        byte[] bytes = export.primary().bytes();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(export.primary().name()).isEqualTo("model.stl");
        assertThat(export.primary().mediaType()).isEqualTo("model/stl");
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isNotEqualToIgnoringCase("solid");
        int faces = in.getInt(80);
        assertThat(faces).isEqualTo(mesh.faceCount());
        assertThat(bytes).hasSize(84 + 50 * faces);
        in.position(84);
        for (int f = 0; f < faces; f++) {
            float nx = in.getFloat();
            float ny = in.getFloat();
            float nz = in.getFloat();
            assertThat(Math.sqrt(nx * nx + ny * ny + nz * nz)).isCloseTo(1.0, within(1e-5));
            float[] centroid = new float[3];
            for (int k = 0; k < 3; k++) {
                int v = mesh.triangles()[3 * f + k];
                float[] read = {in.getFloat(), in.getFloat(), in.getFloat()};
                assertThat(read).containsExactly(mesh.x(v), mesh.y(v), mesh.z(v));
                for (int axis = 0; axis < 3; axis++) {
                    centroid[axis] += read[axis] / 3;
                }
            }
            assertThat(nx * centroid[0] + ny * centroid[1] + nz * centroid[2]).isPositive();
            assertThat(in.getShort()).isZero();
        }
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void degenerateFaceGetsAZeroNormal() {
        Mesh flat = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {0, 1, 2});

        byte[] bytes = exporter.export(TestMeshes.textured(flat), "m").primary().bytes();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new float[] {in.getFloat(84), in.getFloat(88), in.getFloat(92)}).containsOnly(0f);
    }

    @Test
    void headerIsPaddedWithZerosAfterItsText() {
        byte[] bytes = exporter.export(TestMeshes.textured(TestMeshes.cube8()), "m").primary().bytes();

        String header = new String(Arrays.copyOf(bytes, 80), StandardCharsets.US_ASCII);

        assertThat(header).startsWith("ORFEAS").doesNotStartWith("solid");
        assertThat(header.substring(header.indexOf('\0'))).matches("\0+");
    }

    @Test
    void exportingTwiceGivesIdenticalBytes() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(7, 9));

        assertThat(exporter.export(textured, "m").primary().bytes())
                .isEqualTo(exporter.export(textured, "m").primary().bytes());
    }
}
