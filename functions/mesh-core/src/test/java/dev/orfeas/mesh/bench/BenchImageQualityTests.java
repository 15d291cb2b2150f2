package dev.orfeas.mesh.bench;

import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.TestEngine;
import dev.orfeas.mesh.export.GltfValidator;
import dev.orfeas.mesh.quality.QualityReport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Speed work must not make the meshes worse: on the engine bench's own images, at every quality, each quality
 * report stays within a stated tolerance of the one engine version 2 gave (recorded before the speed work of
 * issue 16, at commit b05a99a):
 * <ul>
 *   <li>mode and foreground source the same; still closed, manifold, oriented, one component of genus 0, with no
 *       boundary, non-manifold or degenerate faces;</li>
 *   <li>faces within 1% below the target, never above it (engine 2 hit it exactly); vertices = faces / 2 + 2
 *       (Euler's formula for one closed genus-0 surface, as engine 2 had);</li>
 *   <li>foreground coverage within 0.002 (absolute); the unit-box extents (x, y, z half-sizes) within 2%.</li>
 * </ul>
 * And the Khronos validator reports no errors on each GLB.
 */
class BenchImageQualityTests {

    private static Map<String, byte[]> images;

    @BeforeAll
    static void load() {
        images = BenchImages.all();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // image, quality, mode, foreground source, faces, vertices, coverage, half-width x, y, z (engine 2)
            "photo-512.jpg, draft, relief, none, 4000, 2002, 1.0, 0.5000, 0.5000, 0.0458",
            "photo-512.jpg, default, relief, none, 12000, 6002, 1.0, 0.5000, 0.5000, 0.0459",
            "photo-512.jpg, high, relief, none, 40000, 20002, 1.0, 0.5000, 0.5000, 0.0455",
            "photo-1024.jpg, draft, relief, none, 4000, 2002, 1.0, 0.5000, 0.5000, 0.0457",
            "photo-1024.jpg, default, relief, none, 12000, 6002, 1.0, 0.5000, 0.5000, 0.0459",
            "photo-1024.jpg, high, relief, none, 40000, 20002, 1.0, 0.5000, 0.5000, 0.0455",
            "alpha-512.png, draft, inflate, backdrop, 4000, 2002, 0.7294, 0.5000, 0.5000, 0.4949",
            "alpha-512.png, default, inflate, backdrop, 12000, 6002, 0.7294, 0.5000, 0.5000, 0.4976",
            "alpha-512.png, high, inflate, backdrop, 40000, 20002, 0.7294, 0.4974, 0.5000, 0.4983",
            "alpha-1024.png, draft, inflate, backdrop, 4000, 2002, 0.7298, 0.5000, 0.5000, 0.4954",
            "alpha-1024.png, default, inflate, backdrop, 12000, 6002, 0.7298, 0.5000, 0.5000, 0.4978",
            "alpha-1024.png, high, inflate, backdrop, 40000, 20002, 0.7298, 0.4974, 0.5000, 0.4986",
            "backdrop-1024.jpg, draft, inflate, backdrop, 4000, 2002, 0.237, 0.4191, 0.5000, 0.4510",
            "backdrop-1024.jpg, default, inflate, backdrop, 12000, 6002, 0.237, 0.4188, 0.5000, 0.4526",
            "backdrop-1024.jpg, high, inflate, backdrop, 40000, 20002, 0.237, 0.4182, 0.5000, 0.4536"
    })
    void benchImageMeshStaysWithinToleranceOfEngineTwo(String image, String quality, String mode, String source,
                                                        int faces, int vertices, double coverage, float halfX,
                                                        float halfY, float halfZ) {
        GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.parse(quality), 0, 0.0);
        GenerationResult result = TestEngine.get().generate(images.get(image), options, ProgressListener.NONE);
        QualityReport report = result.report();

        assertThat(report.mode()).isEqualTo(mode);
        assertThat(report.foreground().source()).isEqualTo(source);
        assertThat(report.watertight()).as(report.toJson()).isTrue();
        assertThat(report.components()).isEqualTo(1);
        assertThat(report.genus()).isZero();
        assertThat(report.degenerateFaces()).isZero();
        assertThat(report.faces()).isLessThanOrEqualTo(faces).isGreaterThanOrEqualTo((int) (0.99 * faces));
        assertThat(report.vertices()).isEqualTo(report.faces() / 2 + 2);
        assertThat(vertices).isEqualTo(faces / 2 + 2);
        assertThat(report.foreground().coverage()).isCloseTo(coverage, within(0.002));
        float[] box = report.bbox();
        assertThat(box[3]).isCloseTo(halfX, within(0.02f * halfX));
        assertThat(box[4]).isCloseTo(halfY, within(0.02f * halfY));
        assertThat(box[5]).isCloseTo(halfZ, within(0.02f * halfZ));
        GltfValidator.Report validation = GltfValidator.validate(result.export().primary().bytes());
        assertThat(validation.errors()).as(validation.summary()).isZero();
    }
}
