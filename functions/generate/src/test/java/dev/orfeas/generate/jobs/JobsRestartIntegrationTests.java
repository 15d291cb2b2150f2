package dev.orfeas.generate.jobs;

import dev.orfeas.generate.GenerateApplication;
import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as real processes sharing one real S3Proxy: killed (-9) or stopped (SIGTERM) while a job runs and others
 * wait, then started again. Every job ends succeeded or failed — none is lost, none stays queued or running.
 */
class JobsRestartIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> apps = new ArrayList<>();

    @AfterEach
    void kill() {
        apps.forEach(Process::destroyForcibly);
    }

    @Test
    void jobsOfAKilledProcessEndFailedAfterTheRestartAndAStoppedOneFinishesItsRunningJob() throws Exception {
        String instance = "restart-" + System.nanoTime();
        int port = freePort();
        Process first = start(port, instance);
        List<String> ids = submitUntilOneRuns(port, 3, 460);

        first.destroyForcibly(); // kill -9: nothing gets to write a final state
        first.waitFor(30, TimeUnit.SECONDS);

        int port2 = freePort();
        Process second = start(port2, instance);
        for (String id : ids) {
            JsonNode job = job(port2, id);
            assertThat(job.get("status").asString()).as(id).isIn("succeeded", "failed");
            if (job.get("status").asString().equals("failed")) {
                assertThat(job.get("problem").get("type").asString()).isEqualTo("urn:orfeas:problem:job-interrupted");
            }
        }

        List<String> more = submitUntilOneRuns(port2, 3, 470);
        second.destroy(); // SIGTERM: the running job finishes, the waiting ones are stored as interrupted
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        int port3 = freePort();
        start(port3, instance);
        List<String> ends = new ArrayList<>();
        for (String id : more) {
            ends.add(job(port3, id).get("status").asString());
        }
        assertThat(ends).allSatisfy(s -> assertThat(s).isIn("succeeded", "failed")).contains("succeeded");
    }

    /** Submits slow jobs until the first of them is running. */
    private static List<String> submitUntilOneRuns(int port, int count, int seed) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/jobs?quality=high&detail=0.61")).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JobsTestSupport.freshPng(1024, seed + i))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(202);
            ids.add(JSON.readTree(response.body()).get("id").asString());
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (!job(port, ids.getFirst()).get("status").asString().equals("running")) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }
        return ids;
    }

    private static JsonNode job(int port, String id) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/" + id))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET /jobs/" + id).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Process start(int port, String instance) throws Exception {
        LocalS3Server s3 = LocalS3Server.shared();
        Path log = Files.createTempFile("jobs-restart", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                GenerateApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0",
                "--orfeas.security.open=true", "--orfeas.jobs.workers=1", "--orfeas.jobs.instance=" + instance));
        s3.springProperties().forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORFEAS_LOG_FORMAT", "");
        Process app = builder.start();
        apps.add(app);
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return app;
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
