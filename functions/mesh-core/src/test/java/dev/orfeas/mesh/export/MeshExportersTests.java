package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshExportersTests {

    @ParameterizedTest
    @EnumSource(MeshFormat.class)
    void everyFormatHasAnExporterWritingItsExtensionAndMediaType(MeshFormat format) {
        MeshExporter exporter = MeshExporters.forFormat(format);

        MeshExport export = exporter.export(TestMeshes.textured(TestMeshes.cube24()), "model");

        assertThat(export.primary().name()).isEqualTo("model." + format.extension());
        assertThat(export.primary().mediaType()).isEqualTo(format.mediaType());
        assertThat(export.primary().bytes()).isNotEmpty();
        assertThat(MeshExporters.forFormat(format)).isSameAs(exporter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a/b", "..\\x", "..", "tab\tname"})
    void everyExporterRefusesBaseNamesThatAreNotPlainFileNames(String baseName) {
        TexturedMesh mesh = TestMeshes.textured(TestMeshes.cube8());
        for (MeshFormat format : MeshFormat.values()) {
            assertThatThrownBy(() -> MeshExporters.forFormat(format).export(mesh, baseName))
                    .as(format.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(MeshFormat.class)
    void everyExporterRefusesNonFiniteCoordinates(MeshFormat format) {
        Mesh mesh = TestMeshes.cube8();
        float[] positions = mesh.positions().clone();
        positions[4] = Float.NaN;
        TexturedMesh broken = TestMeshes.textured(new Mesh(positions, mesh.triangles()));

        assertThatThrownBy(() -> MeshExporters.forFormat(format).export(broken, "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertex 1");
    }
}
