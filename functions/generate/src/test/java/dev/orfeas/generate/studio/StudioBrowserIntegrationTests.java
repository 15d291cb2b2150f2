package dev.orfeas.generate.studio;

import dev.orfeas.generate.AppTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The studio end to end in Debian's chromium (functions/studio/e2e/studio-e2e.mjs, playwright-core): a real photo
 * uploaded by keyboard alone, progress to 100 %, the preview drawn (pixels read back), the downloaded GLB judged
 * by the Khronos validator, an oversized file's message, the gallery reopening the mesh on a phone-sized page, no
 * console errors, the CSP header. Screenshots land in target/studio-e2e/ (docs/studio.png is one of them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.security.rate-limit.capacity=10000",
        "orfeas.security.rate-limit.refill-per-minute=10000",
        "orfeas.generation.max-bytes=300KB",
        "orfeas.generation.max-dimension=2048",
        "ORFEAS_LOG_FORMAT="})
class StudioBrowserIntegrationTests extends AppTestSupport {

    /** As users run the app: with the learned segmentation model, so the cat photo becomes the cat. */
    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        Path model = Path.of(System.getProperty("orfeas.test.models", "../../models")).resolve("isnet-quint8.onnx");
        assertThat(model).as("installed by scripts/fetch-models.sh").exists();
        registry.add("orfeas.generation.segmentation.model", model::toString);
    }

    private static final Logger log = LoggerFactory.getLogger(StudioBrowserIntegrationTests.class);
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path PHOTO = Path.of("/usr/lib/python3/dist-packages/skimage/data/chelsea.png");
    private static final long SCRIPT_TIMEOUT_SECONDS = 150;

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void aPhotoBecomesAPreviewedValidatedDownloadableMeshByKeyboardAloneWithoutConsoleErrors() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            log.warn("*** SKIPPED: no chromium at {} — scripts/test.sh installs Debian's chromium ***", CHROMIUM);
            Assumptions.abort("chromium is not installed at " + CHROMIUM);
        }
        Path root = repositoryRoot();
        Path out = Path.of("target/studio-e2e").toAbsolutePath();
        Files.createDirectories(out);
        Path oversized = out.resolve("oversized.png");
        Files.write(oversized, randomBytes(400 * 1024)); // over this context's 300 KB max-bytes

        JsonNode findings = run(root, out, oversized);

        assertThat(findings.path("error").isMissingNode()).as("script error: %s", findings.path("error")).isTrue();
        assertThat(findings.get("csp").asString()).contains("default-src 'self'", "connect-src 'self'");
        assertThat(findings.get("keyInUrl").asBoolean()).isFalse();
        assertThat(findings.get("keyInSessionStorage").asBoolean()).isTrue();
        assertThat(findings.get("skipLinkFocused").asBoolean()).isTrue();
        assertThat(findings.get("focusOutline").asString()).isNotEqualTo("none");
        assertThat(findings.get("previewShownAtOnce").asBoolean()).isTrue();
        assertThat(findings.get("quality").asString()).isEqualTo("draft");
        assertThat(findings.get("message").isNull()).as("message: %s", findings.get("message")).isTrue();
        assertThat(findings.get("finalPercent").asInt()).isEqualTo(100);
        // the job's events carry its stored state: a stage can be passed between two events, but the bar only
        // moves forward, through stages as they finish, to the last one
        assertThat(risingTo100(findings.get("percents"))).as("bar values %s", findings.get("percents")).isTrue();
        JsonNode stages = findings.get("stagesShown");
        assertThat(stages.size()).as("stages %s", stages).isGreaterThanOrEqualTo(2);
        assertThat(stages.get(stages.size() - 1).asString()).isEqualTo("report");
        assertThat(findings.get("stats").get("faces").asString()).matches("[0-9,]+");
        assertThat(findings.get("stats").get("closed").asString()).startsWith("yes");
        assertThat(findings.get("stats").get("foreground").asString()).as("the model found the cat").contains("model");
        assertThat(findings.get("stats").get("timings").asString()).contains("decode", " ms");

        JsonNode canvas = findings.get("canvasCoverage");
        assertThat(canvas.get("background").toString()).as("the preview cleared to its background")
                .isEqualTo("[27,31,36]");
        assertThat(canvas.get("share").asDouble()).as("share of the canvas the mesh covers").isGreaterThan(0.03);
        assertThat(findings.get("phoneCanvasCoverage").get("share").asDouble()).isGreaterThan(0.03);

        assertThat(findings.get("downloadName").asString()).isEqualTo("model.glb");
        JsonNode validator = findings.get("validator");
        assertThat(validator.get("errors").asInt()).as("validator: %s", validator).isZero();
        assertThat(new String(Files.readAllBytes(out.resolve("studio-download.glb")), 0, 4,
                StandardCharsets.US_ASCII)).isEqualTo("glTF");

        assertThat(findings.get("wireframePressed").asString()).isEqualTo("true");
        assertThat(findings.get("turntablePressed").asString()).isEqualTo("false");
        // five ArrowLeft presses turn the camera 5 × 0.12 rad around the model, + moves it 10 % closer
        String[] before = findings.get("keyboardView").get("before").asString().split(" ");
        String[] after = findings.get("keyboardView").get("after").asString().split(" ");
        double turned = Math.IEEEremainder(Double.parseDouble(before[0]) - Double.parseDouble(after[0]), 2 * Math.PI);
        assertThat(turned).as("azimuth turned, rad").isCloseTo(0.6, within(0.02));
        assertThat(Double.parseDouble(after[2]) / Double.parseDouble(before[2])).isCloseTo(0.9, within(0.02));
        assertThat(findings.get("galleryListsMesh").asBoolean()).isTrue();
        assertThat(findings.get("oversized").get("problem").asString()).isIn("image-too-large", "body-too-large");
        assertThat(findings.get("oversized").get("text").asString()).contains("too large");
        assertThat(findings.get("phoneOverflow").asInt()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        assertThat(findings.get("pageErrors")).as("uncaught errors").isEmpty();
        assertThat(unexpectedConsoleErrors(findings.get("consoleErrors"))).as("console errors").isEmpty();
        assertThat(out.resolve("studio-desktop.png")).exists();
        assertThat(out.resolve("studio-phone.png")).exists();
    }

    /** The bar's values up to its first 100 never go down, and it does reach 100. */
    private static boolean risingTo100(JsonNode percents) {
        int last = 0;
        for (JsonNode percent : percents) {
            int value = percent.asInt();
            if (value < last) {
                return false;
            }
            if (value == 100) {
                return true;
            }
            last = value;
        }
        return false;
    }

    /**
     * Console errors but the one the oversized upload is meant to cause: chromium logs every 4xx fetch answer as
     * "Failed to load resource", and the 413 of the oversized picture is the answer the test asks for.
     */
    private static List<String> unexpectedConsoleErrors(JsonNode errors) {
        List<String> unexpected = new ArrayList<>();
        for (JsonNode error : errors) {
            String text = error.get("text").asString();
            if (!(text.contains("Failed to load resource") && text.contains("413"))) {
                unexpected.add(error.get("page").asString() + ": " + text + " " + error.get("url").asString());
            }
        }
        return unexpected;
    }

    private JsonNode run(Path root, Path out, Path oversized) throws IOException, InterruptedException {
        Path studio = root.resolve("functions/studio");
        Path log = out.resolve("studio-e2e.log");
        Path result = out.resolve("studio-e2e.json");
        var process = new ProcessBuilder("node", studio.resolve("e2e/studio-e2e.mjs").toString(),
                "http://127.0.0.1:" + port, API_KEY, PHOTO.toString(), oversized.toString(), out.toString())
                .directory(studio.toFile()).redirectError(log.toFile()).redirectOutput(result.toFile());
        process.environment().put("CHROMIUM", CHROMIUM.toString());
        process.environment().put("GLTF_VALIDATE", root.resolve("scripts/gltf-validate/validate.mjs").toString());
        Process started = process.start();
        started.getOutputStream().close();
        if (!started.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new AssertionError("the browser script ran over " + SCRIPT_TIMEOUT_SECONDS + " s; see " + log);
        }
        String text = Files.readString(result).strip();
        assertThat(started.exitValue()).as("node exit; stderr in %s; stdout %s", log, text).isZero();
        return JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
    }

    /** The checkout's root: the first folder up from here holding scripts/gltf-validate. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("scripts/gltf-validate"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(13).nextBytes(bytes);
        return bytes;
    }
}
