package dev.orfeas.mesh.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GlbExporterTests {

    private static final int UNSIGNED_SHORT = 5123;
    private static final int UNSIGNED_INT = 5125;

    private final GlbExporter exporter = new GlbExporter();

    @TempDir
    Path dir;

    @Test
    void smallMeshesPassKhronosValidatorWithoutErrorsOrWarnings() throws IOException {
        for (var entry : Map.of("cube24", TestMeshes.cube24(), "cube8", TestMeshes.cube8(),
                "sphere", TestMeshes.sphere(12, 16)).entrySet()) {
            Path file = write(exporter.export(TestMeshes.textured(entry.getValue()), entry.getKey()));

            GltfValidator.Report report = GltfValidator.validate(file);

            assertThat(report.errors()).as(report.summary()).isZero();
            assertThat(report.warnings()).as(report.summary()).isZero();
            assertThat(report.infos()).as(report.summary()).isZero();
        }
    }

    @Test
    void meshWithMoreThan65535VerticesUsesUnsignedIntIndicesAndPassesValidator() throws IOException {
        Mesh sphere = TestMeshes.sphere(257, 256);
        assertThat(sphere.vertexCount()).isGreaterThan(65_535);

        MeshExport export = exporter.export(TestMeshes.textured(sphere), "big");
        GlbFile glb = GlbFile.read(export.primary().bytes());
        GltfValidator.Report report = GltfValidator.validate(write(export));

        assertThat(glb.accessor(3).path("componentType").asInt()).isEqualTo(UNSIGNED_INT);
        assertThat(glb.indexAt(3 * sphere.faceCount() - 1)).isEqualTo(sphere.triangles()[3 * sphere.faceCount() - 1]);
        assertThat(report.errors()).as(report.summary()).isZero();
        assertThat(report.warnings()).as(report.summary()).isZero();
    }

    @Test
    void meshBelow65536VerticesUsesUnsignedShortIndices() {
        Mesh sphere = TestMeshes.sphere(12, 16);

        GlbFile glb = GlbFile.read(exporter.export(TestMeshes.textured(sphere), "m").primary().bytes());

        assertThat(glb.accessor(3).path("componentType").asInt()).isEqualTo(UNSIGNED_SHORT);
        assertThat(glb.accessor(3).path("count").asInt()).isEqualTo(sphere.triangles().length);
        for (int i = 0; i < sphere.triangles().length; i++) {
            assertThat(glb.indexAt(i)).isEqualTo(sphere.triangles()[i]);
        }
    }

    @Test
    void headerCarriesMagicVersionAndTotalLengthAndChunksAreAlignedAndPadded() {
        byte[] bytes = exporter.export(TestMeshes.textured(TestMeshes.sphere(5, 7)), "m").primary().bytes();

        GlbFile glb = GlbFile.read(bytes);

        assertThat(glb.magic()).isEqualTo(0x46546C67);
        assertThat(glb.version()).isEqualTo(2);
        assertThat(glb.length()).isEqualTo(bytes.length);
        assertThat(glb.jsonChunkType()).isEqualTo(0x4E4F534A);
        assertThat(glb.binChunkType()).isEqualTo(0x004E4942);
        assertThat(glb.jsonChunkLength() % 4).isZero();
        assertThat(glb.binChunkLength() % 4).isZero();
        assertThat(12 + 8 + glb.jsonChunkLength() + 8 + glb.binChunkLength()).isEqualTo(bytes.length);
        String json = new String(glb.jsonChunk(), StandardCharsets.UTF_8);
        assertThat(json.stripTrailing()).endsWith("}");
        assertThat(json.substring(json.lastIndexOf('}') + 1)).matches(" *");
        assertThat(glb.json().path("buffers").path(0).path("byteLength").asInt()).isEqualTo(glb.binChunkLength());
        for (JsonNode view : glb.json().path("bufferViews")) {
            assertThat(view.path("byteOffset").asInt() % 4).isZero();
        }
    }

    @Test
    void jsonDescribesOneTexturedMaterialSceneNodeAndMesh() throws IOException {
        TexturedMesh mesh = TestMeshes.textured(TestMeshes.cube24());

        MeshExport export = exporter.export(mesh, "cat");
        GlbFile glb = GlbFile.read(export.primary().bytes());
        JsonNode json = glb.json();

        assertThat(export.primary().name()).isEqualTo("cat.glb");
        assertThat(export.primary().mediaType()).isEqualTo("model/gltf-binary");
        assertThat(export.companions()).isEmpty();
        assertThat(json.path("asset").path("generator").asText()).isEqualTo("ORFEAS");
        assertThat(json.path("asset").path("version").asText()).isEqualTo("2.0");
        assertThat(json.path("scenes").size()).isEqualTo(1);
        assertThat(json.path("nodes").size()).isEqualTo(1);
        assertThat(json.path("meshes").size()).isEqualTo(1);
        JsonNode material = json.path("materials").path(0);
        assertThat(material.path("pbrMetallicRoughness").path("metallicFactor").asDouble()).isZero();
        assertThat(material.path("pbrMetallicRoughness").path("roughnessFactor").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(material.path("doubleSided").asBoolean(true)).isFalse();
        JsonNode image = json.path("images").path(0);
        assertThat(image.path("mimeType").asText()).isEqualTo("image/png");
        JsonNode view = json.path("bufferViews").path(image.path("bufferView").asInt());
        byte[] png = new byte[view.path("byteLength").asInt()];
        glb.bin().get(view.path("byteOffset").asInt(), png);
        assertThat(png).isEqualTo(mesh.texture());
        assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
        JsonNode sampler = json.path("samplers").path(0);
        assertThat(sampler.path("wrapS").asInt()).isEqualTo(33071);
        assertThat(sampler.path("wrapT").asInt()).isEqualTo(33071);
        assertThat(sampler.path("magFilter").asInt()).isEqualTo(9729);
    }

    @Test
    void positionsRoundTripWithExactMinMaxAndUnitNormalsAndUvs() {
        TexturedMesh mesh = TestMeshes.textured(TestMeshes.sphere(9, 10));

        GlbFile glb = GlbFile.read(exporter.export(mesh, "m").primary().bytes());

        float[] bounds = mesh.mesh().bounds();
        JsonNode position = glb.accessor(0);
        for (int axis = 0; axis < 3; axis++) {
            assertThat(position.path("min").path(axis).floatValue()).isEqualTo(bounds[axis]);
            assertThat(position.path("max").path(axis).floatValue()).isEqualTo(bounds[axis + 3]);
        }
        for (int i = 0; i < mesh.mesh().positions().length; i++) {
            assertThat(glb.floatAt(0, i)).isEqualTo(mesh.mesh().positions()[i]);
        }
        for (int v = 0; v < mesh.mesh().vertexCount(); v++) {
            float nx = glb.floatAt(1, 3 * v);
            float ny = glb.floatAt(1, 3 * v + 1);
            float nz = glb.floatAt(1, 3 * v + 2);
            assertThat(Math.sqrt(nx * nx + ny * ny + nz * nz)).isCloseTo(1.0, within(1e-5));
            // a sphere centred at the origin: smooth normals point away from the centre
            assertThat(nx * mesh.mesh().x(v) + ny * mesh.mesh().y(v) + nz * mesh.mesh().z(v)).isPositive();
            assertThat(glb.floatAt(2, 2 * v + 1)).isEqualTo(mesh.uvs()[2 * v + 1]);
        }
    }

    @Test
    void exportingTwiceGivesIdenticalBytes() {
        TexturedMesh mesh = TestMeshes.textured(TestMeshes.sphere(10, 11));

        assertThat(exporter.export(mesh, "m").primary().bytes()).isEqualTo(exporter.export(mesh, "m").primary().bytes());
    }

    @Test
    void meshWithoutTexturePassesValidatorWithAnUntexturedMaterial() throws IOException {
        TexturedMesh mesh = TestMeshes.textured(TestMeshes.cube8(), new byte[0]);

        MeshExport export = exporter.export(mesh, "plain");
        GltfValidator.Report report = GltfValidator.validate(write(export));

        JsonNode json = GlbFile.read(export.primary().bytes()).json();
        assertThat(json.has("images")).isFalse();
        assertThat(json.path("meshes").path(0).path("primitives").path(0).path("attributes").has("TEXCOORD_0")).isFalse();
        assertThat(report.errors()).as(report.summary()).isZero();
        assertThat(report.warnings()).as(report.summary()).isZero();
        assertThat(report.infos()).as(report.summary()).isZero();
    }

    @Test
    void refusesAnEmptyMeshAndOutOfRangeIndices() {
        TexturedMesh empty = TestMeshes.textured(new Mesh(new float[3], new int[0]));
        TexturedMesh broken = TestMeshes.textured(new Mesh(new float[9], new int[] {0, 1, 3}));

        assertThatThrownBy(() -> exporter.export(empty, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exporter.export(broken, "m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vertex 3");
    }

    private Path write(MeshExport export) throws IOException {
        Path file = dir.resolve(export.primary().name());
        Files.write(file, export.primary().bytes());
        return file;
    }
}
