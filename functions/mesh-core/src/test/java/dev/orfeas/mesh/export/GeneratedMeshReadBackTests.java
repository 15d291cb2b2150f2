package dev.orfeas.mesh.export;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.TestEngine;
import dev.orfeas.mesh.TestImages;
import dev.orfeas.mesh.quality.MeshCheck;
import dev.orfeas.mesh.quality.MeshChecks;
import dev.orfeas.mesh.quality.QualityReport;
import dev.orfeas.mesh.surface.Mesh;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/** Meshes the engine makes, read back by the independent test readers: same counts, still watertight. */
class GeneratedMeshReadBackTests {

    private static final byte[] IMAGE = TestImages.png(TestImages.annulusOnTransparent(300));

    private static GenerationResult generate(MeshFormat format) {
        return TestEngine.get().generate(IMAGE, new GenerationOptions(format, Quality.DRAFT, 0, 0.2),
                ProgressListener.NONE);
    }

    @Test
    void plyReadsBackWithTheReportedCountsAndIsWatertight() {
        GenerationResult result = generate(MeshFormat.PLY);
        PlyFile ply = PlyFile.read(result.export().primary().bytes());
        QualityReport report = result.report();
        assertThat(ply.positions().length / 3).isEqualTo(report.vertices());
        assertThat(ply.triangles().length / 3).isEqualTo(report.faces());
        MeshCheck check = MeshChecks.check(new Mesh(ply.positions(), ply.triangles()));
        assertThat(check.watertight()).isTrue();
        assertThat(check.genus()).isEqualTo(1);
    }

    @Test
    void objReadsBackWithTheReportedCountsAndNamesItsTexture() {
        GenerationResult result = generate(MeshFormat.OBJ);
        ObjFile obj = ObjFile.read(result.export().primary().bytes());
        assertThat(obj.positions()).hasSize(result.report().vertices());
        assertThat(obj.faces()).hasSize(result.report().faces());
        assertThat(result.export().companions()).extracting(ExportedFile::name)
                .containsExactlyInAnyOrder("model.mtl", "model.texture.jpg");
    }

    @Test
    void stlReadsBackWithTheReportedFaceCount() {
        GenerationResult result = generate(MeshFormat.STL);
        ByteBuffer stl = ByteBuffer.wrap(result.export().primary().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int faces = stl.getInt(80);
        assertThat(faces).isEqualTo(result.report().faces());
        assertThat(stl.capacity()).isEqualTo(84 + 50 * faces);
    }

    @Test
    void glbPassesTheKhronosValidatorWithNoWarnings() {
        GenerationResult result = generate(MeshFormat.GLB);
        GltfValidator.Report validation = GltfValidator.validate(result.export().primary().bytes());
        assertThat(validation.errors()).as(validation.summary()).isZero();
        assertThat(validation.warnings()).as(validation.summary()).isZero();
    }
}
