package dev.orfeas.generate;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cold start as the platform sees it, in a fresh process (a cold start happens once per process): the
 * {@code orfeas.startup.*} gauges and the one start-up log line with each step (engine, model, warm-up; the model's
 * runtime starts alongside PyTorch), the first request after readiness, probes not counted; with
 * ORFEAS_STARTUP_STEPS=true, Spring's slowest start-up steps.
 */
class ColdStartIntegrationTests {

    private static final Pattern STARTED = Pattern.compile(
            "started: ready (\\d+\\.\\d+) s after process start \\(spring context (\\d+\\.\\d+) s; "
                    + "engine (\\d+\\.\\d+) s, model (\\d+\\.\\d+) s, warmup (\\d+\\.\\d+) s\\)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process app;

    @AfterEach
    void kill() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void startupGaugesAndLogLineSayWhatTheColdStartCostAndTheFirstRealRequestIsTimedOnce() throws Exception {
        int port = freePort();
        int management = freePort();
        Path log = Files.createTempFile("generate-cold-start", ".log");
        app = start(port, management, log);
        awaitReady(port, log);

        String before = get(management, "/actuator/prometheus");
        double ready = gauge(before, "orfeas_startup_ready_seconds");
        double context = gauge(before, "orfeas_startup_context_seconds");
        double engine = gauge(before, "orfeas_startup_phase_seconds{phase=\"engine\"}");
        double model = gauge(before, "orfeas_startup_phase_seconds{phase=\"model\"}");
        double warmUp = gauge(before, "orfeas_startup_phase_seconds{phase=\"warmup\"}");
        assertThat(context).isPositive().isLessThanOrEqualTo(ready);
        assertThat(engine).isPositive().isLessThan(ready);
        assertThat(model).isPositive().isLessThan(ready);
        assertThat(warmUp).isPositive().isLessThan(ready);
        assertThat(before).as("on the CPU the model's first inference is left to the first photo (model-warm-up auto)")
                .doesNotContain("phase=\"first-inference\"");
        get(port, "/livez");
        get(port, "/readyz");
        assertThat(gauge(get(management, "/actuator/prometheus"), "orfeas_startup_first_request_seconds"))
                .as("probes are not the first request").isNaN();

        HttpResponse<byte[]> mesh = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/generate?quality=draft")).header("Content-Type", "image/png")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.discPng(128, 7))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(mesh.statusCode()).isEqualTo(200);
        double first = awaitFirstRequestGauge(management);
        assertThat(first).isNotNaN().isPositive();
        get(port, "/meshes?limit=1");
        assertThat(gauge(get(management, "/actuator/prometheus"), "orfeas_startup_first_request_seconds"))
                .as("only the first request counts").isEqualTo(first);

        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(log);
        Matcher started = STARTED.matcher(text);
        assertThat(started.find()).as(text).isTrue();
        assertThat(Double.parseDouble(started.group(1))).isCloseTo(ready, org.assertj.core.data.Offset.offset(0.01));
        assertThat(started.find()).as("logged once").isFalse();
        assertThat(text).containsOnlyOnce("first request served ");
        // ORFEAS_STARTUP_STEPS=true: where the start's time went, the slowest steps by their own time
        assertThat(text).containsOnlyOnce("start-up steps: ");
        assertThat(Pattern.compile("start-up step \\d+ ms own, \\d+ ms in all: spring\\.").matcher(text).results()
                .count()).isEqualTo(25);
    }

    /** The filter records the first request after the response went out, so the client may read the gauge first. */
    private double awaitFirstRequestGauge(int management) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        double first = gauge(get(management, "/actuator/prometheus"), "orfeas_startup_first_request_seconds");
        while (Double.isNaN(first) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            first = gauge(get(management, "/actuator/prometheus"), "orfeas_startup_first_request_seconds");
        }
        return first;
    }

    /** Started as the CPU image starts it: with the segmentation model (installed by scripts/fetch-models.sh). */
    private static Process start(int port, int management, Path log) throws IOException {
        LocalS3Server s3 = LocalS3Server.shared();
        Path model = Path.of(System.getProperty("orfeas.test.models", "../../models")).resolve("isnet-quint8.onnx");
        assertThat(model).as("installed by scripts/fetch-models.sh").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                GenerateApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=" + management,
                "--orfeas.security.open=true", "--orfeas.generation.segmentation.model=" + model.toAbsolutePath()));
        s3.springProperties().forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        builder.environment().put("ORFEAS_STARTUP_STEPS", "true");
        return builder.start();
    }

    private void awaitReady(int port, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("app not ready: " + Files.readString(log));
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of one Prometheus sample, by its name and labels as written ({@code name{a="b"}}). */
    private static double gauge(String exposition, String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : "";
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                if (!labels.isEmpty() && !line.contains(labels)) {
                    continue;
                }
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(sample + " not exported:\n" + exposition);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
