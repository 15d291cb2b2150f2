package dev.orfeas.mesh.export;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness really catches broken files, so a clean report on the exporter's output means something. */
class GltfValidatorTests {

    @Test
    void truncatedGlbIsReportedWithErrorsAndMessages() {
        byte[] glb = new GlbExporter().export(TestMeshes.textured(TestMeshes.cube8()), "m").primary().bytes();

        GltfValidator.Report report = GltfValidator.validate(Arrays.copyOf(glb, glb.length - 16));

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).isPositive();
        assertThat(report.messages()).isNotEmpty();
    }

    @Test
    void findsTheRepositoryRootHoldingTheScript() {
        assertThat(Files.isRegularFile(GltfValidator.repositoryRoot().resolve("scripts/gltf-validate/validate.mjs")))
                .isTrue();
    }
}
