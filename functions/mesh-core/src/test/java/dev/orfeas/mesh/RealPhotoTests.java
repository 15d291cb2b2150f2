package dev.orfeas.mesh;

import dev.orfeas.mesh.export.GltfValidator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real photographs and artwork (the sample images Debian's python3-skimage ships, public domain or CC0; installed by
 * scripts/test.sh): each must give a watertight, valid mesh in the mode a person would expect.
 */
class RealPhotoTests {

    static final Path SAMPLES = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    static byte[] sample(String name) throws Exception {
        Path file = SAMPLES.resolve(name);
        assertThat(file).as("sample images come from Debian's python3-skimage; scripts/test.sh installs it").exists();
        return Files.readAllBytes(file);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "logo.png, inflate",       // artwork with a transparent background
            "horse.png, inflate",      // a silhouette on white
            "chelsea.png, relief",     // a cat's face filling the frame: no backdrop to cut away
            "astronaut.png, relief",   // a portrait in front of a busy scene
            "coffee.png, relief",      // a cup on a wooden table, shot from above
            "rocket.jpg, relief",      // a launch pad at night
            "grass.png, relief",       // a texture that is all "backdrop": still a picture, not "nothing"
            "page.png, relief"         // a scanned page of text
    })
    void realPictureBecomesAValidWatertightMeshInTheExpectedMode(String name, String mode) throws Exception {
        GenerationResult result = TestEngine.get().generate(sample(name),
                new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, 0, 0.3), ProgressListener.NONE);
        assertThat(result.report().mode()).isEqualTo(mode);
        assertThat(result.report().watertight()).as(result.report().toJson()).isTrue();
        GltfValidator.Report validation = GltfValidator.validate(result.export().primary().bytes());
        assertThat(validation.errors()).as(validation.summary()).isZero();
    }
}
