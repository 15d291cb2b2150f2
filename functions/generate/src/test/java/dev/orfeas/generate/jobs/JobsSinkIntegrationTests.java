package dev.orfeas.generate.jobs;

import com.sun.net.httpserver.HttpServer;
import dev.orfeas.generate.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Knative path with a real HTTP sink standing in for the broker ({@code K_SINK}, as a SinkBinding sets it):
 * {@code POST /jobs} stores the job and sends a {@code dev.orfeas.job.requested} CloudEvent; delivering that event
 * to {@code POST /} (as the Trigger does) runs the job inside that request. A bad image answers 2xx with the job
 * failed, so the broker does not retry it; a sink that refuses the event is a 503. The sender token (a file, as
 * a projected service-account token is) goes with each event, re-read when rotated; an unreadable one is a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + JobsTestSupport.API_KEY,
        "orfeas.security.events-without-key=true",
        "orfeas.generation.max-bytes=300KB",
        "orfeas.jobs.instance=jobs-sink-tests",
        "ORFEAS_LOG_FORMAT="})
class JobsSinkIntegrationTests extends JobsTestSupport {

    record Delivery(Map<String, String> headers, byte[] body) {
    }

    private static final LinkedBlockingQueue<Delivery> RECEIVED = new LinkedBlockingQueue<>();
    private static final AtomicInteger SINK_STATUS = new AtomicInteger(202);
    private static final HttpServer SINK = startSink();
    private static final Path TOKEN = tokenFile();

    private static Path tokenFile() {
        try {
            Path file = Files.createTempFile("orfeas-sink-token-", "");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startSink() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = SINK_STATUS.get();
                if (status < 300) {
                    RECEIVED.add(new Delivery(headers, body));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void sink(DynamicPropertyRegistry registry) {
        registry.add("orfeas.jobs.sink", () -> "http://127.0.0.1:" + SINK.getAddress().getPort() + "/");
        registry.add("orfeas.jobs.sink-token-file", TOKEN::toString);
    }

    @AfterAll
    static void stopSink() {
        SINK.stop(0);
    }

    @BeforeEach
    void reset() throws IOException {
        RECEIVED.clear();
        SINK_STATUS.set(202);
        Files.writeString(TOKEN, "sender-token-one\n");
    }

    @Test
    void aJobGoesToTheSinkAsAnEventAndRunsWhenTheEventIsDelivered() throws Exception {
        var accepted = submit(freshPng(256, 351), "?quality=draft");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json(accepted).get("id").asString();
        assertThat(json(accepted).get("status").asString()).isEqualTo("queued");

        Delivery event = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.headers()).containsEntry("ce-type", "dev.orfeas.job.requested")
                .containsEntry("ce-subject", id).containsEntry("ce-specversion", "1.0");
        assertThat(JSON.readTree(event.body()).get("jobId").asString()).isEqualTo(id);
        assertThat(event.headers()).containsEntry("Authorization", "Bearer sender-token-one");
        Thread.sleep(1_000);
        assertThat(job(id).get("status").asString()).as("nothing runs it here").isEqualTo("queued");

        CompletableFuture<List<JsonNode>> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return events(id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        var delivered = deliver(event);
        assertThat(delivered.statusCode()).isEqualTo(200);
        JsonNode done = job(id);
        assertThat(done.get("status").asString()).as("finished inside the delivery").isEqualTo("succeeded");
        assertThat(done.get("result").get("id").asString()).isEqualTo(done.get("meshId").asString());
        List<JsonNode> events = stream.get(60, TimeUnit.SECONDS);
        assertThat(events.getFirst().get("status").asString()).isIn("queued", "running");
        assertThat(events.getLast().get("status").asString()).isEqualTo("succeeded");

        var redelivered = deliver(event);
        assertThat(redelivered.statusCode()).as("a redelivery of a finished job is a no-op").isEqualTo(200);
        assertThat(job(id).get("finishedAt").asString()).isEqualTo(done.get("finishedAt").asString());
    }

    @Test
    void aPermanentFailureAnswers2xxWithTheJobFailed() throws Exception {
        String id = json(submit(TestImages.truncatedPng(), "")).get("id").asString();
        Delivery event = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(deliver(event).statusCode()).isEqualTo(200);
        JsonNode failed = job(id);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("problem").get("status").asInt()).isEqualTo(400);
        assertThat(failed.get("problem").get("type").asString()).isEqualTo("urn:orfeas:problem:undecodable-image");
    }

    @Test
    void aSinkThatRefusesTheEventIs503AndTheJobIsNotLeftQueued() throws Exception {
        SINK_STATUS.set(500);
        var refused = submit(freshPng(128, 352), "");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("type").asString()).isEqualTo("urn:orfeas:problem:sink-unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theSenderTokenIsReadAgainWhenRotatedAndAnUnreadableOneIs503WithNothingSent() throws Exception {
        Files.writeString(TOKEN, "sender-token-two-longer\n");
        assertThat(submit(freshPng(128, 353), "").statusCode()).isEqualTo(202);
        Delivery event = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.headers()).containsEntry("Authorization", "Bearer sender-token-two-longer");

        Files.delete(TOKEN);
        try {
            var refused = submit(freshPng(128, 354), "");
            assertThat(refused.statusCode()).as("our fault: the deployment's token is missing").isEqualTo(503);
            assertThat(json(refused).get("type").asString()).isEqualTo("urn:orfeas:problem:sink-unavailable");
            assertThat(json(refused).get("detail").asString()).contains("token file").doesNotContain("sender-token");
            assertThat(RECEIVED.poll(1, TimeUnit.SECONDS)).as("no event sent without a token").isNull();
        } finally {
            Files.writeString(TOKEN, "sender-token-one\n");
        }
    }

    @Test
    void aJobRequestedEventNamingNoJobIsAnInvalidEvent() throws Exception {
        var response = post("/", "{\"jobId\":\"../../etc\"}".getBytes(), Map.of("ce-specversion", "1.0",
                "ce-id", "x1", "ce-source", "/test", "ce-type", "dev.orfeas.job.requested",
                "Content-Type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:invalid-event");
    }

    private java.net.http.HttpResponse<byte[]> deliver(Delivery event) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(120))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(event.body()));
        event.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("ce-") || lower.equals("content-type")) {
                request.header(name, value);
            }
        });
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }
}
