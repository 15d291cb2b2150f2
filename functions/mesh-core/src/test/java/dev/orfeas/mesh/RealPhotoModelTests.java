package dev.orfeas.mesh;

import dev.orfeas.mesh.export.GltfValidator;
import dev.orfeas.mesh.quality.QualityReport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same real pictures as {@link RealPhotoTests}, on an engine with the learned segmenter installed (the default of
 * scripts/run.sh and the images): photos of an object become that object, artwork keeps its alpha silhouette.
 */
class RealPhotoModelTests {

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource({
            "logo.png, inflate, model",      // a logo whose alpha is all opaque: no alpha silhouette
            "horse.png, inflate, model",     // a silhouette on white
            "chelsea.png, inflate, model",   // a cat's face: was a relief slab of the whole picture
            "coffee.png, inflate, model",    // a cup on a wooden table: was a relief slab
            "rocket.jpg, inflate, model",    // a rocket on its pad at night: was a relief slab
            "astronaut.png, inflate, model", // a portrait in front of a busy scene: was a relief slab
    })
    void aRealPhotoBecomesItsObject(String name, String mode, String source) throws Exception {
        GenerationResult result = TestModels.engine().generate(RealPhotoTests.sample(name),
                new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, 0, 0.3), ProgressListener.NONE);
        QualityReport report = result.report();
        assertThat(report.mode()).as(report.toJson()).isEqualTo(mode);
        assertThat(report.foreground().source()).as(report.toJson()).isEqualTo(source);
        // an object, not the whole frame
        assertThat(report.foreground().coverage()).as(report.toJson()).isBetween(0.02, 0.85);
        assertThat(report.watertight()).as(report.toJson()).isTrue();
        GltfValidator.Report validation = GltfValidator.validate(result.export().primary().bytes());
        assertThat(validation.errors()).as(validation.summary()).isZero();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"grass.png, relief", "page.png, relief"})
    void aPictureWithoutAnObjectStaysARelief(String name, String mode) throws Exception {
        QualityReport report = TestModels.engine().generate(RealPhotoTests.sample(name),
                new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, 0, 0.3), ProgressListener.NONE).report();
        assertThat(report.mode()).as(report.toJson()).isEqualTo(mode);
        assertThat(report.watertight()).as(report.toJson()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"phone.png", "audio-headphones.png", "printer.png"})
    void alphaArtworkKeepsItsAlphaSilhouetteAndTheSameMeshAsWithoutTheModel(String icon) throws Exception {
        byte[] artwork = java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("/usr/share/icons/Adwaita/512x512/devices", icon));
        GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, 0, 0.0);
        QualityReport withModel = TestModels.engine().generate(artwork, options, ProgressListener.NONE).report();
        QualityReport builtIn = TestEngine.get().generate(artwork, options, ProgressListener.NONE).report();
        assertThat(withModel.foreground().source()).isEqualTo("alpha");
        assertThat(withModel.faces()).isEqualTo(builtIn.faces());
        assertThat(withModel.vertices()).isEqualTo(builtIn.vertices());
        assertThat(withModel.foreground().coverage()).isEqualTo(builtIn.foreground().coverage());
    }
}
