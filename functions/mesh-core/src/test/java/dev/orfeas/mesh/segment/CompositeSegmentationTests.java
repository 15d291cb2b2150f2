package dev.orfeas.mesh.segment;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.TestModels;
import dev.orfeas.mesh.export.GltfValidator;
import dev.orfeas.mesh.quality.QualityReport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned path on photos with a known answer ({@link Composites}): the mesh's front silhouette must match the
 * pasted object, and every mesh must be closed, manifold and valid glTF.
 */
class CompositeSegmentationTests {

    @Test
    void objectsPhotographedOverBusyBackgroundsBecomeThoseObjects() {
        List<Double> scores = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Composites.Composite composite : Composites.first(8)) {
            GenerationOptions options = new GenerationOptions(MeshFormat.OBJ, Quality.DEFAULT, 0, 0.0);
            GenerationResult obj = TestModels.engine().generate(composite.jpeg(), options, ProgressListener.NONE);
            QualityReport report = obj.report();
            assertThat(report.foreground().source()).as(composite.name()).isEqualTo("model");
            assertThat(report.watertight()).as(composite.name() + ": " + report.toJson()).isTrue();
            boolean[] front = FrontSilhouette.of(obj.export().primary().bytes(), report.foreground().frame(),
                    Composites.WIDTH, Composites.HEIGHT);
            double iou = FrontSilhouette.iou(front, composite.truth());
            scores.add(iou);
            table.append(String.format("%s: IoU %.3f, kept %d, dropped %d%n", composite.name(), iou,
                    report.foreground().componentsKept(), report.foreground().componentsDropped()));

            GenerationResult glb = TestModels.engine().generate(composite.jpeg(), options.withFormat(MeshFormat.GLB),
                    ProgressListener.NONE);
            GltfValidator.Report validation = GltfValidator.validate(glb.export().primary().bytes());
            assertThat(validation.errors()).as(composite.name() + ": " + validation.summary()).isZero();
        }
        System.out.print(table);
        List<Double> sorted = scores.stream().sorted().toList();
        double median = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        assertThat(median).as("median silhouette IoU\n" + table).isGreaterThanOrEqualTo(0.90);
        assertThat(sorted.getFirst()).as("worst silhouette IoU\n" + table).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void theBuiltInSegmenterIsStillThereOnRequest() {
        Composites.Composite composite = Composites.first(1).getFirst();
        GenerationOptions options = new GenerationOptions(MeshFormat.OBJ, Quality.DRAFT, 0, 0.0,
                ForegroundChoice.BACKDROP);
        QualityReport report = TestModels.engine().generate(composite.jpeg(), options, ProgressListener.NONE).report();
        assertThat(report.foreground().source()).isIn("backdrop", "none");
        assertThat(report.foreground().model()).isNull();
    }
}
