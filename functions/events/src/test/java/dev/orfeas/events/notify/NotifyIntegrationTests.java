package dev.orfeas.events.notify;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.events.support.EventReceiver;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectStore;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notify over real HTTP: events POSTed to the app as a Knative Trigger would, three real receivers on loopback
 * (a good one, one that is down with 500s, one the allow-list does not name), dead letters in the S3Proxy bucket.
 * Loopback targets need {@code allow-private-addresses=true}; the refusal of private addresses is pinned in
 * {@link TargetPolicyTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotifyIntegrationTests {

    static final String SECRET = "notify-hmac-secret-0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final EventReceiver GOOD = receiver();
    static final EventReceiver DOWN = receiver();

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("orfeas.events.notify.targets", () -> String.join(",",
                GOOD.uri() + "hook/secret-path", DOWN.uri() + "down",
                "http://localhost:" + GOOD.uri().getPort() + "/forbidden"));
        registry.add("orfeas.events.notify.allowed-hosts", () -> "127.0.0.1");
        registry.add("orfeas.events.notify.allow-private-addresses", () -> "true");
        registry.add("orfeas.events.notify.secret", () -> SECRET);
        registry.add("orfeas.events.notify.max-attempts", () -> "3");
        registry.add("orfeas.events.notify.initial-backoff", () -> "10ms");
        registry.add("orfeas.events.notify.max-backoff", () -> "40ms");
    }

    @BeforeEach
    void reset() {
        GOOD.reset();
        DOWN.reset();
        DOWN.failWhen(r -> true);
    }

    @AfterAll
    static void stop() {
        GOOD.close();
        DOWN.close();
    }

    @Test
    void meshGeneratedNotificationCarriesTextLinkAndAVerifiableSignature() throws Exception {
        String id = UUID.randomUUID().toString();

        var response = postEvent(id, EventTypes.MESH_GENERATED, "mesh-123",
                "{\"id\":\"mesh-123\",\"bucket\":\"meshes\",\"key\":\"mesh-123/model.glb\","
                        + "\"source\":{\"bucket\":\"uploads\",\"key\":\"cat.png\"}}", false);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(GOOD.received()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/hook/secret-path");
            assertThat(r.headers().get("content-type")).startsWith("application/json");
            Matcher signature = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})")
                    .matcher(r.headers().get("x-orfeas-signature"));
            assertThat(signature.matches()).isTrue();
            assertThat(signature.group(1)).isEqualTo(r.headers().get("x-orfeas-timestamp"));
            assertThat(signature.group(2)).isEqualTo(hmac(signature.group(1) + ".", r.body()));
            assertThat(hmac(signature.group(1) + ".", (new String(r.body(), StandardCharsets.UTF_8) + " ")
                    .getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signature.group(2));
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("text").asString()).contains("mesh-123").contains("cat.png")
                    .contains(body.get("downloadUrl").asString());
            assertThat(body.get("downloadUrl").asString())
                    .startsWith(LocalS3Server.shared().endpoint() + "/meshes/mesh-123/model.glb?");
            assertThat(body.get("event").get("id").asString()).isEqualTo(id);
            assertThat(body.get("status").asString()).isEqualTo("mesh.generated");
        });
    }

    @Test
    void aReceiverThatStaysDownIsRetriedWithBackoffThenDeadLetteredAndRedeliveryDoesNotRepeat() throws Exception {
        String id = UUID.randomUUID().toString();
        String data = "{\"source\":{\"bucket\":\"uploads\",\"key\":\"blank.png\"},\"reason\":\"no-foreground\"}";

        var first = postEvent(id, EventTypes.MESH_FAILED, "blank.png", data, true);
        int attempts = DOWN.attempts();
        var again = postEvent(id, EventTypes.MESH_FAILED, "blank.png", data, true);

        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(attempts).isEqualTo(3);
        assertThat(DOWN.attempts()).isEqualTo(3);
        assertThat(GOOD.received()).singleElement().satisfies(r -> assertThat(JSON.readTree(r.body())
                .get("text").asString()).contains("Could not make a mesh from blank.png: no-foreground"));
        JsonNode letter = deadLetter(id, "answered 500");
        assertThat(letter.get("target").asString()).isEqualTo("http://127.0.0.1:" + DOWN.uri().getPort() + "/…");
        assertThat(letter.get("notification").get("event").get("id").asString()).isEqualTo(id);
        assertThat(letter.toString()).doesNotContain("secret-path");
    }

    @Test
    void aTargetOffTheAllowListIsRefusedWithoutAnyRequestAndDeadLettered() throws Exception {
        String id = UUID.randomUUID().toString();

        var response = postEvent(id, "dev.orfeas.backup.completed", "mesh-9", "{\"objects\":3}", false);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(GOOD.received()).extracting(EventReceiver.Received::path).containsExactly("/hook/secret-path");
        JsonNode letter = deadLetter(id, "refused");
        assertThat(letter.get("failure").asString()).contains("host localhost is not in");
    }

    @Test
    void otherEventTypesAreIgnoredAndNonCloudEventsAreA400Problem() throws Exception {
        var other = postEvent(UUID.randomUUID().toString(), EventTypes.OBJECT_CREATED, "x.png", "{}", false);
        var plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(other.statusCode()).isEqualTo(204);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(plain.body()).get("type").asString()).isEqualTo("urn:orfeas:problem:invalid-event");
        assertThat(GOOD.attempts() + DOWN.attempts()).isZero();
    }

    @Test
    void anEventKnativeDeadLetteredIsRecordedInTheFailedBucketAndNotified() throws Exception {
        String id = UUID.randomUUID().toString();
        var event = CloudEventBuilder.v1().withId(id).withType(EventTypes.OBJECT_CREATED)
                .withSource(URI.create("s3://uploads")).withSubject("in/cat.png")
                .withExtension("knativeerrordest", "http://generate.orfeas.svc.cluster.local/")
                .withExtension("knativeerrorcode", "500")
                .withExtension("knativeerrordata", java.util.Base64.getEncoder().encodeToString(
                        "{\"title\":\"boom\"}".getBytes(StandardCharsets.UTF_8)))
                .withData("application/json", "{\"bucket\":\"uploads\",\"key\":\"in/cat.png\"}"
                        .getBytes(StandardCharsets.UTF_8)).build();

        var response = send(event, false);

        assertThat(response.statusCode()).isEqualTo(204);
        var keys = store.list(store.properties().buckets().failed(), "knative/", 1000, null).keys();
        JsonNode record = keys.stream().map(k -> JSON.readTree(store.get(store.properties().buckets().failed(), k)
                        .orElseThrow().bytes())).filter(r -> id.equals(r.get("eventId").asString())).findFirst()
                .orElseThrow();
        assertThat(record.get("errorCode").asString()).isEqualTo("500");
        assertThat(record.get("errorData").asString()).isEqualTo("{\"title\":\"boom\"}");
        assertThat(record.get("data").get("key").asString()).isEqualTo("in/cat.png");
        assertThat(GOOD.received()).singleElement().satisfies(r -> {
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("status").asString()).isEqualTo("delivery.failed");
            assertThat(body.get("text").asString()).contains("could not be delivered to http://generate.orfeas")
                    .contains("HTTP 500");
        });
    }

    private JsonNode deadLetter(String eventId, String failure) {
        var keys = store.list(store.properties().buckets().failed(), "notify/" + eventId + "/", 10, null).keys();
        List<JsonNode> letters = keys.stream().map(k -> JSON.readTree(
                store.get(store.properties().buckets().failed(), k).orElseThrow().bytes())).toList();
        assertThat(letters).hasSize(2);
        return letters.stream().filter(l -> l.get("failure").asString().contains(failure)).findFirst().orElseThrow();
    }

    private HttpResponse<String> postEvent(String id, String type, String subject, String data, boolean structured)
            throws Exception {
        return send(CloudEventBuilder.v1().withId(id).withType(type).withSource(URI.create("/orfeas/generate"))
                .withSubject(subject).withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build(),
                structured);
    }

    private HttpResponse<String> send(io.cloudevents.CloudEvent event, boolean structured) throws Exception {
        var encoded = CloudEventCodec.write(event, structured);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static EventReceiver receiver() {
        try {
            return new EventReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
