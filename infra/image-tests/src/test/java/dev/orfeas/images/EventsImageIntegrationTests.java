package dev.orfeas.images;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events image: non-root, read-only, ready against the S3 server, its webhook guarded by the token. */
class EventsImageIntegrationTests {

    @Test
    void runsNonRootReadOnlyBecomesHealthyAndGuardsTheWebhook() throws Exception {
        String token = S3Network.randomHex(16);
        S3Network.s3();
        try (GenericContainer<?> events = new GenericContainer<>(Images.EVENTS)
                .withImagePullPolicy(name -> false)
                .withNetwork(S3Network.network())
                .withExposedPorts(8080)
                .withEnv(Map.of(
                        "ORFEAS_STORAGE_ENDPOINT", "http://" + S3Network.S3_ALIAS + ":8080",
                        "ORFEAS_STORAGE_ACCESS_KEY", S3Network.ACCESS_KEY,
                        "ORFEAS_STORAGE_SECRET_KEY", S3Network.SECRET_KEY,
                        "ORFEAS_STORAGE_CHECKSUMS", "when-required",
                        "ORFEAS_EVENTS_ADAPTER_AUTH_TOKEN", token,
                        "ORFEAS_LOG_FORMAT", ""))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true))
                .withTmpFs(Map.of("/tmp", "rw"))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(60)))) {
            events.start();

            assertThat(events.getContainerInfo().getConfig().getUser()).isEqualTo(Images.RUNTIME_USER);
            assertThat(events.execInContainer("touch", "/app/x").getExitCode()).isNotZero();
            assertThat(events.execInContainer("cat", "/proc/1/comm").getStdout().strip()).isEqualTo("java");
            assertThat(events.getLogs()).doesNotContain(token);

            URI webhook = URI.create("http://" + events.getHost() + ":" + events.getMappedPort(8080)
                    + "/webhooks/minio");
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(webhook)
                            .header("Content-Type", "application/json").header("Authorization", "Bearer wrong")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"Records\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }
}
