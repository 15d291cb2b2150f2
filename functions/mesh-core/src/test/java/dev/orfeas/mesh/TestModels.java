package dev.orfeas.mesh;

import dev.orfeas.mesh.segment.SegmentationSettings;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real IS-Net model, installed by scripts/fetch-models.sh (scripts/test.sh runs it) into the folder the build
 * passes as {@code orfeas.test.models}, and one engine that uses it for every test class in the JVM.
 */
public final class TestModels {

    private static MeshGenerator engine;

    private TestModels() {
    }

    public static Path isnet() {
        Path file = Path.of(System.getProperty("orfeas.test.models", "../../models")).resolve("isnet-quint8.onnx");
        assertThat(Files.isRegularFile(file)).as(file + " is installed by scripts/fetch-models.sh").isTrue();
        return file;
    }

    public static synchronized MeshGenerator engine() {
        if (engine == null) {
            engine = new MeshGenerator(EngineSettings.defaults()
                    .withSegmentationModel(isnet(), SegmentationSettings.defaults()));
        }
        return engine;
    }
}
