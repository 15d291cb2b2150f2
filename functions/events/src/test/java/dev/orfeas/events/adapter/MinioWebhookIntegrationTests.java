package dev.orfeas.events.adapter;

import dev.orfeas.events.support.EventReceiver;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.TestStore;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.orfeas.events.adapter.ObjectEventMapperTests.body;
import static dev.orfeas.events.adapter.ObjectEventMapperTests.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook over real HTTP: MinIO-shaped notifications in, CloudEvents out to a real receiver standing in for
 * the {@code K_SINK} broker (set here exactly as SinkBinding sets it), a second one standing in for a notify
 * target, dead letters read back from the real store. Every case counts what arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MinioWebhookIntegrationTests {

    static final String TOKEN = "minio-webhook-token-0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final EventReceiver SINK = receiver();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("K_SINK", () -> SINK.uri().toString());
        registry.add("orfeas.events.adapter.auth-token", () -> TOKEN);
        registry.add("orfeas.events.adapter.max-body", () -> "16KB");
        registry.add("orfeas.events.sink.max-retry-wait", () -> "3s");
        registry.add("orfeas.events.sink.token-file", () -> SENDER_TOKEN.toString());
        registry.add("orfeas.events.notify.targets", () -> NOTIFY.uri().toString());
        registry.add("orfeas.events.notify.allowed-hosts", () -> "127.0.0.1");
        registry.add("orfeas.events.notify.allow-private-addresses", () -> "true");
    }

    static final EventReceiver NOTIFY = receiver();
    static final java.nio.file.Path SENDER_TOKEN = senderToken();

    /** Stands in for a projected service-account token (Knative Eventing OIDC). */
    private static java.nio.file.Path senderToken() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("sender-token", ".jwt");
            java.nio.file.Files.writeString(file, "header.payload.signature\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    static TestStore store;

    @BeforeAll
    static void openStore() {
        store = LocalS3Server.shared().openStore("meshes", "backups");
    }

    @BeforeEach
    void reset() {
        SINK.reset();
        NOTIFY.reset();
    }

    @AfterAll
    static void stop() {
        SINK.close();
        NOTIFY.close();
        store.close();
    }

    @Test
    void oneCreatedRecordArrivesAtKSinkAsOneBinaryModeCloudEvent() throws Exception {
        var response = post(body(record("s3:ObjectCreated:Put", "uploads", "single/cat.png", "e-single")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("emitted").asInt()).isEqualTo(1);
        assertThat(SINK.received()).singleElement().satisfies(r -> {
            assertThat(r.headers()).containsEntry("authorization", "Bearer header.payload.signature")
                    .containsEntry("ce-type", "dev.orfeas.object.created")
                    .containsEntry("ce-source", "s3://uploads").containsEntry("ce-bucket", "uploads")
                    .containsEntry("ce-subject", "single/cat.png");
            CloudEvent event = r.event();
            assertThat(JSON.readTree(event.getData().toBytes()).get("key").asString()).isEqualTo("single/cat.png");
            assertThat(event.getId()).isEqualTo(json(response).get("ids").get(0).asString());
        });
    }

    @Test
    void manyRecordsArriveExactlyOnceAndARedeliveredNotificationEmitsNothingNew() throws Exception {
        String notification = body(IntStream.range(0, 60)
                .mapToObj(i -> record("s3:ObjectCreated:Put", "uploads", "many/" + i + ".png", "e" + i))
                .toArray(String[]::new));

        var first = post(notification);
        var again = post(notification);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("emitted").asInt()).isEqualTo(60);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("emitted").asInt()).isZero();
        assertThat(json(again).get("alreadyDelivered").asInt()).isEqualTo(60);
        assertThat(SINK.events()).hasSize(60).extracting(CloudEvent::getSubject).doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> "many/" + i + ".png").toList());
    }

    @Test
    void encodedKeysWithSpacesUnicodeAndPlusArriveDecodedInSubject() throws Exception {
        var response = post(body(
                record("s3:ObjectCreated:Put", "uploads", "keys/my+cat.png", "k1"),
                record("s3:ObjectCreated:Put", "uploads", "keys/%CE%B3%CE%AC%CF%84%CE%B1+%F0%9F%90%88.png", "k2"),
                record("s3:ObjectCreated:Put", "uploads", "keys/a%2Bb%2520c.png", "k3")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SINK.events()).extracting(CloudEvent::getSubject)
                .containsExactly("keys/my cat.png", "keys/γάτα 🐈.png", "keys/a+b%20c.png");
        assertThat(SINK.received()).extracting(r -> r.headers().get("ce-subject"))
                .containsExactly("keys/my%20cat.png", "keys/%CE%B3%CE%AC%CF%84%CE%B1%20%F0%9F%90%88.png",
                        "keys/a+b%2520c.png");
    }

    @Test
    void removedRecordsBecomeObjectRemovedAndUnknownEventNamesAreIgnored() throws Exception {
        var response = post(body(record("s3:ObjectRemoved:Delete", "uploads", "gone/a.png", null),
                record("s3:ObjectAccessed:Get", "uploads", "read/a.png", "r1")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("ignored").asInt()).isEqualTo(1);
        assertThat(SINK.events()).extracting(CloudEvent::getType).containsExactly("dev.orfeas.object.removed");
    }

    @Test
    void aRecordWithMissingFieldsIsA400ProblemAndNothingIsEmitted() throws Exception {
        var response = post(body(record("s3:ObjectCreated:Put", "uploads", "partial/ok.png", "p1"),
                "{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"uploads\"}}}"));

        assertProblem(response, 400, "urn:orfeas:problem:invalid-notification");
        assertThat(json(response).get("detail").asString()).contains("Records[1].s3.object.key");
        assertProblem(post("{not json"), 400, "urn:orfeas:problem:invalid-notification");
        assertProblem(post("{\"EventName\":\"s3:ObjectCreated:Put\"}"), 400,
                "urn:orfeas:problem:invalid-notification");
        assertThat(SINK.attempts()).isZero();
    }

    @Test
    void aWrongOrMissingTokenIsA401ProblemAndNothingIsEmitted() throws Exception {
        String notification = body(record("s3:ObjectCreated:Put", "uploads", "auth/a.png", "a1"));

        var wrong = send(notification, Map.of("Content-Type", "application/json", "Authorization", "Bearer nope"));
        var missing = send(notification, Map.of("Content-Type", "application/json"));

        assertProblem(wrong, 401, "urn:orfeas:problem:unauthorized");
        assertProblem(missing, 401, "urn:orfeas:problem:unauthorized");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(SINK.attempts()).isZero();
    }

    @Test
    void aWrongContentTypeIsA415AndAnOversizedBodyA413() throws Exception {
        String notification = body(record("s3:ObjectCreated:Put", "uploads", "type/a.png", "t1"));
        String huge = body(IntStream.range(0, 200)
                .mapToObj(i -> record("s3:ObjectCreated:Put", "uploads", "huge/" + i + ".png", "h" + i))
                .toArray(String[]::new));

        var text = send(notification, Map.of("Content-Type", "text/plain", "Authorization", "Bearer " + TOKEN));
        var tooLarge = post(huge);

        assertProblem(text, 415, "urn:orfeas:problem:unsupported-media-type");
        assertProblem(tooLarge, 413, "urn:orfeas:problem:body-too-large");
        assertThat(SINK.attempts()).isZero();
    }

    @Test
    void aSinkFailureIsA502AndRedeliveryEmitsOnlyWhatWasMissing() throws Exception {
        String notification = body(IntStream.range(0, 5)
                .mapToObj(i -> record("s3:ObjectCreated:Put", "uploads", "flaky/" + i + ".png", "f" + i))
                .toArray(String[]::new));
        SINK.failWhen(r -> "flaky/3.png".equals(r.headers().get("ce-subject")));

        var failed = post(notification);
        SINK.failWhen(r -> false);
        var retried = post(notification);

        assertProblem(failed, 502, "urn:orfeas:problem:sink-unavailable");
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).get("alreadyDelivered").asInt()).isEqualTo(3);
        assertThat(SINK.events()).extracting(CloudEvent::getSubject)
                .containsExactly("flaky/0.png", "flaky/1.png", "flaky/2.png", "flaky/3.png", "flaky/4.png");
    }

    @Test
    void aPermanentSinkAnswerIsDeadLetteredCountedNotifiedAndAnswered200SoMinioStopsRedelivering() throws Exception {
        String notification = body(record("s3:ObjectCreated:Put", "uploads", "poison/a.png", "pa"),
                record("s3:ObjectCreated:Put", "uploads", "poison/b.png", "pb"));
        SINK.answerWhen(r -> "poison/a.png".equals(r.headers().get("ce-subject")), 400, null);

        var first = post(notification);
        int attempts = SINK.attempts();
        var again = post(notification);

        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(json(first).get("emitted").asInt()).isEqualTo(1);
        assertThat(json(first).get("deadLettered").asInt()).isEqualTo(1);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("alreadyDelivered").asInt()).isEqualTo(2);
        assertThat(SINK.attempts()).as("a redelivery sends nothing again").isEqualTo(attempts);
        assertThat(SINK.events()).extracting(CloudEvent::getSubject).containsExactly("poison/b.png");
        JsonNode record = deadLetter("poison/a.png");
        assertThat(record.get("status").asInt()).isEqualTo(400);
        assertThat(record.get("reason").asString()).contains("answered 400");
        assertThat(record.get("data").get("key").asString()).isEqualTo("poison/a.png");
        assertThat(NOTIFY.received()).singleElement().satisfies(n -> {
            JsonNode body = JSON.readTree(n.body());
            assertThat(body.get("status").asString()).isEqualTo("delivery.failed");
            assertThat(body.get("text").asString()).contains("poison/a.png").contains("HTTP 400");
        });
    }

    @Test
    void eventsForAnotherBucketOrWithUnsafeKeysAreRecordedAndNeverSent() throws Exception {
        var response = post(body(record("s3:ObjectCreated:Put", "other-bucket", "elsewhere/a.png", "o1"),
                record("s3:ObjectCreated:Put", "uploads", "up/../../meshes/x.png", "o2"),
                record("s3:ObjectCreated:Put", "uploads", "nul%00.png", "o3"),
                record("s3:ObjectRemoved:Delete", "uploads", "..", null)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("deadLettered").asInt()).isEqualTo(4);
        assertThat(json(response).get("emitted").asInt()).isZero();
        assertThat(SINK.attempts()).isZero();
        assertThat(deadLetter("elsewhere/a.png").get("reason").asString()).contains("not the uploads bucket");
        assertThat(deadLetter("up/../../meshes/x.png").get("reason").asString()).contains("'..'");
        assertThat(deadLetter("nul\0.png").get("reason").asString()).contains("control characters");
        assertThat(deadLetter("nul\0.png").has("status")).isFalse();
    }

    @Test
    void aThrottledSinkIsWaitedOutWithinTheRequestWhileTheRetryBudgetLasts() throws Exception {
        var counted = new java.util.concurrent.atomic.AtomicInteger();
        SINK.answerWhen(r -> counted.incrementAndGet() <= 2, 429, "1");

        long start = System.nanoTime();
        var response = post(body(record("s3:ObjectCreated:Put", "uploads", "throttled/a.png", "t429")));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("emitted").asInt()).isEqualTo(1);
        assertThat(SINK.attempts()).isEqualTo(3);
        assertThat(millis).as("two Retry-After: 1 waits").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aRetryAfterBeyondTheBudgetIsA502CarryingTheSinksRetryAfter() throws Exception {
        SINK.answerWhen(r -> true, 429, "120");

        var response = post(body(record("s3:ObjectCreated:Put", "uploads", "throttled/b.png", "t120")));

        assertProblem(response, 502, "urn:orfeas:problem:sink-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(SINK.attempts()).isEqualTo(1);
    }

    @Test
    void aSinkTimeoutOr503IsRetryableNotDeadLettered() throws Exception {
        SINK.answerWhen(r -> true, 503, null);

        var response = post(body(record("s3:ObjectCreated:Put", "uploads", "unavailable/a.png", "u503")));

        assertProblem(response, 502, "urn:orfeas:problem:sink-unavailable");
        assertThat(deadLetters()).extracting(r -> r.path("subject").asString()).doesNotContain("unavailable/a.png");
        SINK.reset();
        assertThat(post(body(record("s3:ObjectCreated:Put", "uploads", "unavailable/a.png", "u503"))).statusCode())
                .isEqualTo(200);
        assertThat(SINK.events()).extracting(CloudEvent::getSubject).containsExactly("unavailable/a.png");
    }

    /** The dead-letter record of the created event for {@code key} (ids as the mapper makes them). */
    private static JsonNode deadLetter(String key) {
        return deadLetters().stream().filter(r -> key.equals(r.path("subject").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key));
    }

    private static java.util.List<JsonNode> deadLetters() {
        return store.store().listAll("failed", "webhook/").stream()
                .map(o -> JSON.readTree(store.store().get("failed", o.key()).orElseThrow().bytes())).toList();
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("requestId").asString()).isNotBlank();
    }

    private HttpResponse<byte[]> post(String body) throws Exception {
        return send(body, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
    }

    private HttpResponse<byte[]> send(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/minio"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        new LinkedHashMap<>(headers).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    private static EventReceiver receiver() {
        try {
            return new EventReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
