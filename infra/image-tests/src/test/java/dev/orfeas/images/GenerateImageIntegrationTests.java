package dev.orfeas.images;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The generate image as it runs in production: non-root, read-only, ready in bounded time, storing in S3. */
class GenerateImageIntegrationTests {

    /** Container start → readiness UP (DJL natives pre-extracted, AOT cache): generous for a loaded 2-CPU machine. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(45);

    private static final HttpClient http = HttpClient.newHttpClient();
    private static GenericContainer<?> generate;
    private static Duration startToReady;

    @BeforeAll
    static void start() {
        generate = S3Network.generate();
        long started = System.nanoTime();
        generate.start();
        startToReady = Duration.ofNanos(System.nanoTime() - started);
    }

    @AfterAll
    static void stop() {
        if (generate != null) {
            generate.stop();
        }
    }

    @Test
    void runsAsNonRootOnReadOnlyRootFilesystemWithOnlyTmpWritable() throws Exception {
        InspectContainerResponse info = generate.getContainerInfo();
        assertThat(info.getConfig().getUser()).isEqualTo(Images.RUNTIME_USER);
        assertThat(info.getHostConfig().getReadonlyRootfs()).isTrue();

        assertThat(generate.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        assertThat(generate.execInContainer("touch", "/app/x").getExitCode()).isNotZero();
        assertThat(generate.execInContainer("touch", "/opt/djl/x").getExitCode()).isNotZero();
        assertThat(generate.execInContainer("touch", "/tmp/x").getExitCode()).isZero();
        // the JVM is PID 1, so it gets SIGTERM from docker stop / the kubelet itself
        assertThat(generate.execInContainer("cat", "/proc/1/comm").getStdout().strip()).isEqualTo("java");
    }

    @Test
    void becomesReadyWithinBoundedTimeUsingPreExtractedNatives() throws Exception {
        assertThat(startToReady).isLessThan(READY_WITHIN);
        // nothing was extracted at start: DJL found its natives in the image (a read-only path)
        assertThat(generate.getLogs()).doesNotContain("Extracting");
        assertThat(get("/readyz").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void healthAnswers200AndDockerHealthcheckTurnsHealthy() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !status.equals("healthy")) {
            status = generate.getCurrentContainerInfo().getState().getHealth().getStatus();
            Thread.sleep(250);
        }
        assertThat(status).as("the image's HEALTHCHECK (orfeas-health over bash /dev/tcp)").isEqualTo("healthy");
    }

    @Test
    void generationThroughTheContainerWritesTheMeshToS3OnThePrivateNetwork() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/generate"))
                        .header("Content-Type", "image/png").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(Images.photo())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher key = Pattern.compile("\"key\":\"([0-9a-f]+/model\\.glb)\"").matcher(response.body());
        assertThat(key.find()).as(response.body()).isTrue();

        // the object is in the S3 server's filesystem backend (bucket "meshes" = a folder under /data)
        ExecResult stored = S3Network.s3().execInContainer("stat", "-c", "%s", "/data/meshes/" + key.group(1));
        assertThat(stored.getExitCode()).as(stored.getStderr()).isZero();
        assertThat(Long.parseLong(stored.getStdout().strip())).isGreaterThan(1000);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://" + generate.getHost() + ":" + generate.getMappedPort(8080) + path);
    }
}
