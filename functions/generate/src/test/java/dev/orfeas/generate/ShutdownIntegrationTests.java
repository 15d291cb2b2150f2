package dev.orfeas.generate;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as its own process, as Knative runs it: SIGTERM while a generation runs. New requests meanwhile get the
 * 503 {@code shutting-down} problem with Retry-After (the port stays open while requests are in flight), the
 * running one finishes, the process exits 0.
 */
class ShutdownIntegrationTests {

    private Process app;

    @AfterEach
    void kill() {
        if (app != null && app.isAlive()) {
            app.destroyForcibly();
        }
    }

    @Test
    void sigtermLetsTheRunningGenerationFinishAnswersNewWork503AndExitsZero() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("generate-app", ".log");
        app = start(port, log);
        HttpClient http = HttpClient.newHttpClient();
        awaitReady(http, port, log);

        HttpRequest slow = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/generate?quality=high&detail=0.53"))
                .header("Content-Type", "image/png").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.discPng(1024, 50))).build();
        HttpResponse<InputStream> running = http.send(slow, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(running.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("event:progress")) {
            // until the generation is under way
        }
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(
                () -> reader.lines().collect(Collectors.joining("\n")));

        app.destroy(); // SIGTERM
        Thread.sleep(300);
        // while the generation runs the port stays open and a new request gets the problem, not "connection refused"
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/generate?quality=draft")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.discPng(64, 51))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(rest.get(120, TimeUnit.SECONDS)).contains("event:result").doesNotContain("event:error");
        assertThat(refused.statusCode()).as("new request after SIGTERM").isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("urn:orfeas:problem:shutting-down");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(app.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).as(Files.readString(log)).isZero();
    }

    private static Process start(int port, Path log) throws IOException {
        LocalS3Server s3 = LocalS3Server.shared();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                GenerateApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0",
                "--orfeas.security.open=true"));
        s3.springProperties().forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        return builder.start();
    }

    private void awaitReady(HttpClient http, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("app not ready: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
