package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PlyExporterTests {

    private final PlyExporter exporter = new PlyExporter();

    @Test
    void binaryPlyReadsBackWithSamePositionsColoursAndFaces() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(9, 11));
        Mesh mesh = textured.mesh();

        MeshExport export = exporter.export(textured, "model");
        PlyFile ply = PlyFile.read(export.primary().bytes());

        assertThat(export.primary().name()).isEqualTo("model.ply");
        assertThat(export.primary().mediaType()).isEqualTo("application/x-ply");
        assertThat(ply.header()).startsWith("ply", "format binary_little_endian 1.0")
                .contains("property float x", "property float y", "property float z",
                        "property uchar red", "property uchar green", "property uchar blue",
                        "property list uchar int vertex_indices")
                .endsWith("end_header");
        assertThat(ply.positions()).containsExactly(mesh.positions());
        assertThat(ply.triangles()).containsExactly(mesh.triangles());
        assertThat(Arrays.stream(ply.triangles())).allMatch(i -> i >= 0 && i < mesh.vertexCount());
        for (int i = 0; i < ply.colours().length; i++) {
            assertThat(ply.colours()[i]).isEqualTo(Byte.toUnsignedInt(textured.vertexColors()[i]));
        }
    }

    @Test
    void brightColoursSurviveAsUnsignedBytes() {
        Mesh mesh = TestMeshes.cube8();
        byte[] colours = new byte[3 * mesh.vertexCount()];
        Arrays.fill(colours, (byte) 250);
        TexturedMesh textured = new TexturedMesh(mesh, new float[2 * mesh.vertexCount()], new byte[0], colours);

        PlyFile ply = PlyFile.read(exporter.export(textured, "m").primary().bytes());

        assertThat(ply.colours()).containsOnly(250);
    }

    @Test
    void exportingTwiceGivesIdenticalBytes() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(7, 9));

        assertThat(exporter.export(textured, "m").primary().bytes())
                .isEqualTo(exporter.export(textured, "m").primary().bytes());
    }
}
