package dev.orfeas.generate;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Overload and outage: per-key rate limit, the concurrency bound, the object store going away mid-request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY + "," + LimitsIntegrationTests.RATE_KEY,
        "orfeas.security.rate-limit.capacity=10",
        "orfeas.security.rate-limit.refill-per-minute=1",
        "orfeas.generation.max-concurrent=1",
        "ORFEAS_LOG_FORMAT="})
class LimitsIntegrationTests extends AppTestSupport {

    static final String RATE_KEY = "rate-key-0123456789abcdef";

    @Test
    void uploadsBeyondTheKeysRateAre429WithRetryAfterWhileReadsStayOpen() throws Exception {
        Map<String, String> key = Map.of("Authorization", "Bearer " + RATE_KEY);
        for (int i = 0; i < 10; i++) {
            assertThat(meteredRequest(key).statusCode()).isEqualTo(415);
        }

        var limited = meteredRequest(key);
        var read = get("/meshes?limit=1", key);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("type").asString()).isEqualTo("urn:orfeas:problem:rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isPositive();
        assertThat(read.statusCode()).as("a read (status poll, listing) is not metered").isEqualTo(200);
    }

    /** A POST the filter meters and the app answers at once (415: not an image). */
    private HttpResponse<byte[]> meteredRequest(Map<String, String> key) throws Exception {
        Map<String, String> headers = new HashMap<>(key);
        headers.put("Content-Type", "text/plain");
        return post("/generate", "not an image".getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void generationBeyondTheConcurrencyLimitIs429WithRetryAfter() throws Exception {
        var slow = streamUntilFirstProgress(TestImages.discPng(1024, 30), "quality=high&detail=0.31");
        try {
            var second = postImage("/generate?quality=draft", TestImages.discPng(64, 31), "image/png", "*/*");

            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(json(second).get("type").asString()).isEqualTo("urn:orfeas:problem:saturated");
            assertThat(second.headers().firstValue("retry-after")).isPresent();
            assertThat(metric("orfeas_requests_rejected_total", "reason=\"saturated\"")).isGreaterThanOrEqualTo(1);
        } finally {
            assertThat(slow.rest().get(120, TimeUnit.SECONDS)).contains("event:result");
        }
    }

    @Test
    void objectStoreStoppedMidRequestGives503AndLeavesNoPartialMesh() throws Exception {
        LocalS3Server s3 = LocalS3Server.shared();
        Set<String> before = meshKeys();
        var stream = streamUntilFirstProgress(TestImages.discPng(1024, 40), "quality=high&detail=0.41");
        String rest;
        HttpResponse<byte[]> whileDown;
        HttpResponse<byte[]> eventWhileDown;
        s3.stop();
        try {
            rest = stream.rest().get(120, TimeUnit.SECONDS);
            whileDown = postImage("/generate?quality=draft", TestImages.discPng(64, 41), "image/png",
                    "application/json");
            eventWhileDown = post("/", "{\"bucket\":\"uploads\",\"key\":\"any.png\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of("ce-specversion", "1.0", "ce-id", "down-1",
                    "ce-source", "/test", "ce-type", dev.orfeas.cloudevents.EventTypes.OBJECT_CREATED,
                    "Content-Type", "application/json", "Authorization", "Bearer " + API_KEY));
        } finally {
            s3.start();
        }

        assertThat(rest).contains("event:error").contains("urn:orfeas:problem:storage-unavailable")
                .contains("\"status\":503").doesNotContain("event:result");
        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("retry-after")).isPresent();
        assertThat(json(whileDown).get("type").asString()).isEqualTo("urn:orfeas:problem:storage-unavailable");
        assertThat(eventWhileDown.statusCode()).as("retryable for the broker").isEqualTo(503);
        assertThat(meshKeys()).isEqualTo(before);
        // and the store works again once it is back
        var after = postImage("/generate?quality=draft", TestImages.discPng(64, 42), "image/png", "*/*");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private Set<String> meshKeys() {
        try (var s3 = testS3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket("meshes")).contents().stream().map(S3Object::key)
                    .collect(Collectors.toSet());
        }
    }

    record Stream(CompletableFuture<String> rest) {
    }

    /** Starts an SSE generation and returns once its first progress event arrived (the generation is running). */
    private Stream streamUntilFirstProgress(byte[] image, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/generate?" + query)).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "image/png").header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("event:progress")) {
            // skip to the first progress event
        }
        return new Stream(CompletableFuture.supplyAsync(() -> reader.lines().collect(Collectors.joining("\n"))));
    }

}
