package dev.orfeas.generate.jobs;

import dev.orfeas.generate.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up job sweep with no object store listening (as the image build's AOT training runs the app, and as a
 * pod may start before its store): the app still starts and turns ready; a job then answers 503 storage-unavailable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.open=true",
        "orfeas.storage.endpoint=http://127.0.0.1:9",
        "orfeas.storage.create-buckets=false",
        "orfeas.storage.access-key=nobody",
        "orfeas.storage.secret-key=nobody-secret",
        "orfeas.storage.checksums=when-required",
        "orfeas.jobs.instance=no-store-tests",
        "ORFEAS_LOG_FORMAT="})
class JobsWithoutStoreIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void anUnreachableStoreAtStartDoesNotStopTheAppAndAJobIsA503() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(180);
        while (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(Instant.now()).as("ready").isBefore(deadline);
            Thread.sleep(200);
        }
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.discPng(64, 9))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("urn:orfeas:problem:storage-unavailable");
    }
}
