package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ObjExporterTests {

    private static final float TOLERANCE = 1e-6f;

    private final ObjExporter exporter = new ObjExporter();

    @Test
    void objReadsBackWithSameVerticesFacesAndFlippedV() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(9, 13));
        Mesh mesh = textured.mesh();

        ObjFile obj = ObjFile.read(exporter.export(textured, "model").primary().bytes());

        assertThat(obj.positions()).hasSize(mesh.vertexCount());
        assertThat(obj.uvs()).hasSize(mesh.vertexCount());
        assertThat(obj.normals()).hasSize(mesh.vertexCount());
        assertThat(obj.faces()).hasSize(mesh.faceCount());
        for (int v = 0; v < mesh.vertexCount(); v++) {
            assertThat(obj.positions().get(v)[0]).isCloseTo(mesh.x(v), within(TOLERANCE));
            assertThat(obj.positions().get(v)[1]).isCloseTo(mesh.y(v), within(TOLERANCE));
            assertThat(obj.positions().get(v)[2]).isCloseTo(mesh.z(v), within(TOLERANCE));
            assertThat(obj.uvs().get(v)[0]).isCloseTo(textured.uvs()[2 * v], within(TOLERANCE));
            assertThat(obj.uvs().get(v)[1]).isCloseTo(1 - textured.uvs()[2 * v + 1], within(TOLERANCE));
            float[] n = obj.normals().get(v);
            assertThat(Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2])).isCloseTo(1.0, within(1e-5));
        }
        for (int f = 0; f < mesh.faceCount(); f++) {
            int[][] corners = obj.faces().get(f);
            assertThat(corners).hasNumberOfRows(3);
            for (int k = 0; k < 3; k++) {
                int expected = mesh.triangles()[3 * f + k] + 1;
                assertThat(corners[k]).containsExactly(expected, expected, expected);
            }
        }
    }

    @Test
    void mtlNamesTheTextureCompanionWhichIsADecodablePng() throws IOException {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.cube24());

        MeshExport export = exporter.export(textured, "cat");
        ObjFile obj = ObjFile.read(export.primary().bytes());

        assertThat(export.primary().name()).isEqualTo("cat.obj");
        assertThat(export.primary().mediaType()).isEqualTo("model/obj");
        assertThat(export.companions()).extracting(ExportedFile::name).containsExactly("cat.mtl", "cat.texture.png");
        ExportedFile mtlFile = export.companions().get(0);
        ExportedFile png = export.companions().get(1);
        assertThat(obj.mtllib()).isEqualTo(mtlFile.name());
        List<String> mtl = new String(mtlFile.bytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(mtl).contains("newmtl " + obj.usemtl(), "Kd 1 1 1", "map_Kd " + png.name());
        assertThat(png.mediaType()).isEqualTo("image/png");
        assertThat(png.bytes()).isEqualTo(textured.texture());
        assertThat(ImageIO.read(new ByteArrayInputStream(png.bytes()))).isNotNull();
    }

    @Test
    void meshWithoutTextureGetsPlainMaterialAndNoPng() {
        MeshExport export = exporter.export(TestMeshes.textured(TestMeshes.cube8(), new byte[0]), "plain");

        assertThat(export.companions()).extracting(ExportedFile::name).containsExactly("plain.mtl");
        assertThat(new String(export.companions().get(0).bytes(), StandardCharsets.UTF_8)).doesNotContain("map_Kd");
    }

    @Test
    void numbersAreCompactPlainDecimals() {
        String text = new String(exporter.export(TestMeshes.textured(TestMeshes.cube8()), "m").primary().bytes(),
                StandardCharsets.UTF_8);

        assertThat(text).contains("v -0.5 -0.5 -0.5\n").doesNotContain(",").doesNotContainPattern("[eE][-+]?\\d");
    }

    @Test
    void exportingTwiceGivesIdenticalBytes() {
        TexturedMesh textured = TestMeshes.textured(TestMeshes.sphere(7, 9));

        MeshExport first = exporter.export(textured, "m");
        MeshExport second = exporter.export(textured, "m");

        assertThat(first.primary().bytes()).isEqualTo(second.primary().bytes());
        assertThat(first.companions().get(0).bytes()).isEqualTo(second.companions().get(0).bytes());
    }
}
