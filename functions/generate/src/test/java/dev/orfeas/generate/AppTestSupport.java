package dev.orfeas.generate;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real HTTP against the app on a random port, backed by a real S3Proxy process (one per test JVM). Subclasses
 * with the same properties share one application context.
 */
public abstract class AppTestSupport {

    public static final String API_KEY = "test-key-0123456789abcdef";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** Actuator's own port (management.server.port): no API key, never published. */
    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        LocalS3Server s3 = LocalS3Server.shared();
        for (String property : s3.springProperties()) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    /** The engine loads after start-up; wait for readiness before each test (immediate once it is UP). */
    @BeforeEach
    void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            var response = get("/readyz", Map.of());
            if (response.statusCode() == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not ready: " + new String(response.body()));
            }
            Thread.sleep(200);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected HttpResponse<byte[]> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected HttpResponse<byte[]> postImage(String path, byte[] image, String contentType, String accept)
            throws Exception {
        return post(path, image, Map.of("Content-Type", contentType, "Accept", accept,
                "Authorization", "Bearer " + API_KEY));
    }

    protected HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected HttpResponse<byte[]> getWithKey(String path) throws Exception {
        return get(path, Map.of("Authorization", "Bearer " + API_KEY));
    }

    protected static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    /** Downloads a presigned URL with a plain HTTP client (no S3 SDK, no credentials). */
    protected static byte[] download(String url) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " → " + response.statusCode());
        }
        return response.body();
    }

    /** An S3 client of the test's own, independent of the app's. */
    protected static S3Client testS3() {
        LocalS3Server s3 = LocalS3Server.shared();
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** The Prometheus text of the management port, fetched without a key. */
    protected String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of one Prometheus sample (sum over matching series), 0 when absent. */
    protected double metric(String name, String labelFilter) throws Exception {
        String text = scrape();
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (labelFilter == null || (m.group(1) != null && m.group(1).contains(labelFilter))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
