package dev.orfeas.generate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app with the real IS-Net model (installed by scripts/fetch-models.sh, as scripts/test.sh and run.sh do): the
 * model is loaded and warmed before readiness, health names it with its sha256, and a photo over a busy background
 * becomes a model-segmented object.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.generation.segmentation.sha256=7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a",
        "ORFEAS_LOG_FORMAT="})
class SegmentationIntegrationTests extends AppTestSupport {

    static final Path SAMPLES = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        Path model = Path.of(System.getProperty("orfeas.test.models", "../../models")).resolve("isnet-quint8.onnx");
        assertThat(model).as("installed by scripts/fetch-models.sh").exists();
        registry.add("orfeas.generation.segmentation.model", model::toString);
    }

    @Test
    void healthNamesTheSegmentationModelAndItsSha256() throws Exception {
        JsonNode health = json(get("/health", Map.of()));

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("segmentationModel").asString()).isEqualTo("isnet-quint8.onnx");
        assertThat(health.get("segmentationModelSha256").asString())
                .isEqualTo("7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a");
    }

    @Test
    void aPhotoOfACupOnATableBecomesTheCupNotAPlaque() throws Exception {
        byte[] photo = Files.readAllBytes(SAMPLES.resolve("coffee.png"));

        var response = postImage("/generate?quality=draft&foreground=model", photo, "image/png", "application/json");

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        String id = json(response).get("id").asString();
        JsonNode meta = json(getWithKey("/meshes/" + id));
        assertThat(meta.toString()).contains("\"source\":\"model\"").contains("isnet-quint8@7001d607");
    }
}
