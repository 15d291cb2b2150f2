package dev.orfeas.mesh;

import dev.orfeas.mesh.export.GltfValidator;
import dev.orfeas.mesh.quality.QualityReport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeshGeneratorTests {

    private static MeshGenerator engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEngine() {
        engine = TestEngine.get();
    }

    private static GenerationOptions glb(Quality quality) {
        return new GenerationOptions(MeshFormat.GLB, quality, 0, 0.0);
    }

    @ParameterizedTest
    @EnumSource(Quality.class)
    void alphaDiscBecomesAWatertightInflatedGlbThatPassesTheKhronosValidator(Quality quality) throws Exception {
        byte[] png = TestImages.png(TestImages.discOnTransparent(512, 200));

        GenerationResult result = engine.generate(png, glb(quality), ProgressListener.NONE);

        QualityReport report = result.report();
        assertThat(report.watertight()).isTrue();
        assertThat(report.mode()).isEqualTo("inflate");
        assertThat(report.genus()).isZero();
        assertThat(report.components()).isEqualTo(1);
        assertThat(report.faces()).isLessThanOrEqualTo(quality.defaultFaces()).isGreaterThan(quality.defaultFaces() / 2);
        // A disc inflates to a ball: as deep as it is wide, within the rim and grid error.
        float[] b = report.bbox();
        assertThat(b[5] - b[2]).isBetween(0.9f, 1.0f);
        assertThat(b[3] - b[0]).isBetween(0.97f, 1.0f);
        Path glbFile = dir.resolve("disc.glb");
        Files.write(glbFile, result.export().primary().bytes());
        GltfValidator.Report validation = GltfValidator.validate(glbFile);
        assertThat(validation.errors()).as(validation.toString()).isZero();
    }

    /** The project's own mesh checks and the Khronos validator, on every GLB these tests produce. */
    private static void assertValidWatertightGlb(GenerationResult result) {
        assertThat(result.report().watertight()).as(result.report().toJson()).isTrue();
        GltfValidator.Report validation = GltfValidator.validate(result.export().primary().bytes());
        assertThat(validation.errors()).as(validation.summary()).isZero();
    }

    @Test
    void squareBecomesOneClosedPillow() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(40, 40, 120, 120);
        g.dispose();
        GenerationResult result = engine.generate(TestImages.png(image), glb(Quality.DRAFT), ProgressListener.NONE);
        assertValidWatertightGlb(result);
        assertThat(result.report().components()).isEqualTo(1);
        assertThat(result.report().genus()).isZero();
    }

    @Test
    void separateShapesBecomeSeparateClosedComponents() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(300, 200,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillOval(20, 50, 100, 100);
        g.fillRect(180, 40, 90, 120);
        g.fillOval(140, 10, 30, 30);
        g.dispose();
        GenerationResult result = engine.generate(TestImages.png(image), glb(Quality.DEFAULT), ProgressListener.NONE);
        assertValidWatertightGlb(result);
        assertThat(result.report().components()).isEqualTo(3);
    }

    @Test
    void torchScriptModelDrivesTheFieldThroughTheEngine() throws Exception {
        Path model = Path.of(getClass().getResource("/models/tiny-depth.pt").toURI());
        try (MeshGenerator withModel = new MeshGenerator(EngineSettings.defaults().withModel(model))) {
            byte[] png = TestImages.png(TestImages.discOnTransparent(200, 80));
            GenerationResult result = withModel.generate(png, glb(Quality.DRAFT), ProgressListener.NONE);
            assertThat(withModel.fieldSource()).isEqualTo("model");
            assertThat(result.report().mode()).isEqualTo("model");
            assertThat(result.meshId()).isNotEqualTo(engine.meshIdFor(png, glb(Quality.DRAFT)));
            assertValidWatertightGlb(result);
            // an id from the engine without the model would be the wrong id for this one
            IdentifiedImage elsewhere = engine.identify(png, glb(Quality.DRAFT));
            assertThatThrownBy(() -> withModel.generate(elsewhere, ProgressListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configured differently");
            // identified again (a job queued before a reload), it gets this engine's id; its own input is kept as is
            IdentifiedImage here = withModel.identify(elsewhere);
            assertThat(here.meshId()).isEqualTo(result.meshId());
            assertThat(withModel.identify(here)).isSameAs(here);
        }
    }

    @Test
    void everyStageReportsProgressInOrder() {
        List<Stage> seen = new ArrayList<>();
        GenerationResult result = engine.generate(TestImages.png(TestImages.discOnTransparent(128, 50)),
                glb(Quality.DRAFT), (stage, millis) -> seen.add(stage));
        assertThat(seen).containsExactly(Stage.values());
        assertValidWatertightGlb(result);
    }

    @ParameterizedTest
    @EnumSource(MeshFormat.class)
    void sameImageAndOptionsGiveTheSameBytesAndId(MeshFormat format) {
        byte[] jpeg = TestImages.jpeg(TestImages.objectOnBackdrop(400, 300, 7));
        GenerationOptions options = new GenerationOptions(format, Quality.DRAFT, 0, 0.5);

        GenerationResult first = engine.generate(jpeg, options, ProgressListener.NONE);
        GenerationResult second = engine.generate(jpeg, options, ProgressListener.NONE);

        assertThat(second.meshId()).isEqualTo(first.meshId());
        assertThat(second.export().primary().bytes()).isEqualTo(first.export().primary().bytes());
        assertThat(first.report().watertight()).isTrue();
        if (format == MeshFormat.GLB) {
            assertValidWatertightGlb(first);
        }
        assertThat(first.report().mode()).isEqualTo("inflate");
        assertThat(first.export().primary().mediaType()).isEqualTo(format.mediaType());
    }

    @Test
    void meshIdChangesWithOptionsAndWithImage() {
        byte[] a = TestImages.png(TestImages.discOnTransparent(64, 20));
        byte[] b = TestImages.png(TestImages.discOnTransparent(64, 21));
        GenerationOptions draft = glb(Quality.DRAFT);
        assertThat(engine.meshIdFor(a, draft)).isNotEqualTo(engine.meshIdFor(b, draft))
                .isNotEqualTo(engine.meshIdFor(a, draft.withFormat(MeshFormat.STL)))
                .isEqualTo(engine.meshIdFor(a.clone(), glb(Quality.DRAFT)));
    }

    @Test
    void identifiedImageIsGeneratedUnderTheIdItWasGiven() {
        byte[] png = TestImages.png(TestImages.discOnTransparent(96, 30));
        IdentifiedImage input = engine.identify(png, glb(Quality.DRAFT));
        assertThat(input.meshId()).isEqualTo(engine.meshIdFor(png, glb(Quality.DRAFT)));

        GenerationResult result = engine.generate(input, ProgressListener.NONE);

        assertThat(result.meshId()).isEqualTo(input.meshId());
        assertThat(result.report().meshId()).isEqualTo(input.meshId());
        assertThat(result.export().primary().bytes())
                .isEqualTo(engine.generate(png, glb(Quality.DRAFT), ProgressListener.NONE).export().primary().bytes());
    }

    @Test
    void annulusKeepsItsHole() {
        GenerationResult result = engine.generate(TestImages.png(TestImages.annulusOnTransparent(400)),
                glb(Quality.DEFAULT), ProgressListener.NONE);
        assertValidWatertightGlb(result);
        assertThat(result.report().genus()).isEqualTo(1);
    }

    @Test
    void thinStrokesStaySolidAndClosed() {
        GenerationResult result = engine.generate(TestImages.png(TestImages.strokesOnWhite(300)),
                glb(Quality.DEFAULT), ProgressListener.NONE);
        assertValidWatertightGlb(result);
        assertThat(result.report().mode()).isEqualTo("inflate");
    }

    @Test
    void busyPictureFallsBackToAClosedReliefSlab() {
        GenerationResult result = engine.generate(TestImages.jpeg(TestImages.busyPicture(300, 3)),
                new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.5), ProgressListener.NONE);
        assertThat(result.report().mode()).isEqualTo("relief");
        assertValidWatertightGlb(result);
        assertThat(result.meshId()).as("known before generating, so caches find relief meshes too")
                .isEqualTo(engine.meshIdFor(TestImages.jpeg(TestImages.busyPicture(300, 3)),
                        new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.5)));
        assertThat(result.report().genus()).isZero();
    }

    @Test
    void uniformImageIsRejectedAsNoForeground() {
        assertThatThrownBy(() -> engine.generate(TestImages.png(TestImages.uniform(100, Color.GRAY)),
                glb(Quality.DRAFT), ProgressListener.NONE))
                .isInstanceOf(ImageRejectedException.NoForeground.class)
                .hasMessageContaining("uniform");
    }

    @Test
    void warmUpRuns() {
        engine.warmUp();
        assertThat(engine.fieldSource()).isEqualTo("inflate");
        assertThat(EnumSet.allOf(Quality.class)).hasSize(3);
    }
}
