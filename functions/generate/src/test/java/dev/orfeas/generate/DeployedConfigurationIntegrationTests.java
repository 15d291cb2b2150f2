package dev.orfeas.generate;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.generate.engine.Engine;
import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app configured as deployed: a TorchScript depth model, API keys, structured JSON logs on stdout (the
 * default {@code ecs} format). One class so that the JSON logging this context sets up is the one in force while
 * its tests run.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.generation.max-dimension=2048"})
class DeployedConfigurationIntegrationTests extends AppTestSupport {

    private static final String MODEL = "functions/mesh-core/src/test/resources/models/tiny-depth.pt";

    @Autowired
    private Engine engine;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("orfeas.generation.model-path", () -> repositoryFile(MODEL).toString());
    }

    @Test
    void readinessIsOutOfServiceWhileTheModelLoadsAndUpOnlyOnceItIsLoadedAndWarmedUp() throws Exception {
        JsonNode loading;
        // The loader installs the engine under the engine's monitor: holding it keeps the engine LOADING.
        synchronized (engine) {
            engine.stop();
            engine.start();
            var readiness = get("/readyz", Map.of());
            assertThat(readiness.statusCode()).isEqualTo(503);
            loading = json(readiness);
            assertThat(get("/livez", Map.of()).statusCode()).isEqualTo(200);
            assertThat(get("/health", Map.of()).statusCode()).isEqualTo(503);
        }
        assertThat(loading.at("/components/engine/status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(loading.at("/components/engine/details/state").asString()).isEqualTo("loading");

        JsonNode ready = awaitReadiness();

        assertThat(ready.at("/components/engine/status").asString()).isEqualTo("UP");
        assertThat(ready.at("/components/engine/details/fieldSource").asString()).isEqualTo("model");
        assertThat(metric("orfeas_engine_ready", null)).isEqualTo(1.0);
        assertThat(metric("orfeas_engine_load_seconds", null)).isPositive();
        assertThat(metric("orfeas_engine_warmup_seconds", null)).isPositive();
    }

    @Test
    void generationWithAModelConfiguredReportsModeModel() throws Exception {
        var response = postImage("/generate?quality=draft", TestImages.discPng(96, 60), "image/png",
                "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response).get("report");
        assertThat(report.get("mode").asString()).isEqualTo("model");
        assertThat(report.get("faces").asInt()).isPositive();
    }

    @Test
    void jsonLogLinesOfARequestCarryItsRequestIdAndNoSecrets(CapturedOutput output) throws Exception {
        String requestId = "it-" + UUID.randomUUID();
        String wrongKey = "wrong-key-" + UUID.randomUUID();

        var response = post("/generate?quality=draft", TestImages.discPng(88, 61), Map.of(
                "Content-Type", "image/png", "Accept", "application/json", "X-Request-Id", requestId,
                "Authorization", "Bearer " + API_KEY));
        var refused = post("/generate?quality=draft", TestImages.discPng(88, 62), Map.of(
                "Content-Type", "image/png", "Authorization", "Bearer " + wrongKey));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).hasValue(requestId);
        assertThat(refused.statusCode()).isEqualTo(401);
        String meshId = json(response).get("id").asString();
        List<JsonNode> lines = jsonLines(output);
        assertThat(lines).as("JSON log lines on stdout").isNotEmpty();
        assertThat(lines).filteredOn(l -> requestId.equals(l.path("requestId").asString()))
                .as("log lines of request %s", requestId)
                .anySatisfy(l -> assertThat(l.path("message").asString()).contains(meshId));
        assertThat(output.getAll()).doesNotContain(API_KEY).doesNotContain(wrongKey)
                .doesNotContain(LocalS3Server.SECRET_KEY);
    }

    @Test
    void jsonLogLinesOfACloudEventCarryTheEventId(CapturedOutput output) throws Exception {
        try (var s3 = testS3()) {
            s3.putObject(b -> b.bucket("uploads").key("logs/disc.png").contentType("image/png"),
                    RequestBody.fromBytes(TestImages.discPng(80, 63)));
        }
        String eventId = "evt-" + UUID.randomUUID();

        var response = post("/", "{\"bucket\":\"uploads\",\"key\":\"logs/disc.png\"}".getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Type", "application/json", "Authorization", "Bearer " + API_KEY,
                "ce-specversion", "1.0", "ce-id", eventId, "ce-source", "/tests",
                "ce-type", EventTypes.OBJECT_CREATED));

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(jsonLines(output)).filteredOn(l -> eventId.equals(l.path("eventId").asString()))
                .as("log lines of event %s", eventId)
                .anySatisfy(l -> assertThat(l.path("message").asString()).contains("logs/disc.png"));
        assertThat(output.getAll()).doesNotContain(API_KEY).doesNotContain(LocalS3Server.SECRET_KEY);
    }

    private JsonNode awaitReadiness() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            var response = get("/readyz", Map.of());
            if (response.statusCode() == 200 || Instant.now().isAfter(deadline)) {
                assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
                return json(response);
            }
            Thread.sleep(50);
        }
    }

    private static List<JsonNode> jsonLines(CapturedOutput output) {
        return output.getOut().lines().filter(l -> l.startsWith("{") && l.endsWith("}"))
                .map(l -> JSON.readTree(l)).toList();
    }

    /** A file of this repository, found from the working directory up (Maven runs tests in the module). */
    static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
