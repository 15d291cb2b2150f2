package dev.orfeas.events;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.events.support.TestIssuer;
import dev.orfeas.storage.RawHttp;
import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The events app's hostile-input suite (issue 12): a careless or hostile caller's requests to the webhook, the
 * restore and backup endpoints and the broker entry point, written byte for byte to a socket. Each must be answered
 * with its 4xx status and a problem+json body of the catalogue in docs/events.md — never a 500, never Tomcat's HTML
 * or Boot's default JSON — and the app must still answer {@code /livez}. The count is in docs/security.md. The
 * internal endpoints take the shared token or an OIDC token of {@link TestIssuer} (a real JWKS over HTTP); every
 * token that fails a check is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIntegrationTests {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String WEBHOOK_TOKEN = "hostile-webhook-token-0123456789";
    static final String RESTORE_TOKEN = "hostile-restore-token-0123456789";
    static final String INTERNAL_TOKEN = "hostile-internal-token-0123456789";
    static final TestIssuer ISSUER = new TestIssuer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("orfeas.events.adapter.auth-token", () -> WEBHOOK_TOKEN);
        registry.add("orfeas.events.adapter.max-body", () -> "16KB");
        registry.add("orfeas.events.backup.restore-token", () -> RESTORE_TOKEN);
        registry.add("orfeas.events.internal-auth.token", () -> INTERNAL_TOKEN);
        registry.add("orfeas.events.oidc.issuer", () -> TestIssuer.ISSUER);
        registry.add("orfeas.events.oidc.jwks-uri", () -> ISSUER.jwksUri().toString());
        registry.add("orfeas.events.oidc.audience", () -> TestIssuer.AUDIENCE);
        registry.add("orfeas.events.oidc.allowed-subjects", () -> TestIssuer.SENDER);
        // unknown key ids never refetch here: the rate limit's other side is OidcIntegrationTests
        registry.add("orfeas.events.oidc.jwks-min-refetch", () -> "1h");
    }

    static Stream<Arguments> cases() {
        String meshGenerated = EventTypes.MESH_GENERATED;
        return Stream.of(
                // item 5: a caller's mistake is a typed 4xx, keys with '..' refused before S3 is asked
                webhook("webhook Content-Type ;;;/", ";;;/", "{}", 415, "unsupported-media-type"),
                webhook("webhook Content-Type text/plain", "text/plain", "{}", 415, "unsupported-media-type"),
                webhook("webhook body not JSON", "application/json", "{{{", 400, "invalid-notification"),
                webhook("webhook without Records", "application/json", "{\"x\":1}", 400, "invalid-notification"),
                webhook("webhook Records not an array", "application/json", "{\"Records\":7}", 400,
                        "invalid-notification"),
                webhook("webhook over max-body", "application/json", "{\"Records\":[\"" + "a".repeat(20_000)
                        + "\"]}", 413, "body-too-large"),
                raw("webhook without token", post("/webhooks/minio", "", "application/json", "{}"), 401,
                        "unauthorized"),
                raw("webhook wrong token", post("/webhooks/minio", "Authorization: Bearer nope\r\n",
                        "application/json", "{}"), 401, "unauthorized"),
                restore("restore manifest ../../etc/passwd", "{\"manifest\":\"manifests/../../etc/passwd.tsv\"}",
                        400, "bad-request"),
                restore("restore manifest ..", "{\"manifest\":\"manifests/../x.tsv\"}", 400, "bad-request"),
                restore("restore manifest not .tsv", "{\"manifest\":\"manifests/x.txt\"}", 400, "bad-request"),
                restore("restore manifest outside the prefix", "{\"manifest\":\"etc/passwd.tsv\"}", 400,
                        "bad-request"),
                restore("restore manifest with NUL", "{\"manifest\":\"manifests/a\\u0000.tsv\"}", 400,
                        "bad-request"),
                restore("restore manifest a number", "{\"manifest\":5}", 400, "bad-request"),
                restore("restore bucket invalid", "{\"bucket\":\"../etc\"}", 400, "bad-request"),
                restore("restore body not JSON", "{{{", 400, "bad-request"),
                restore("restore body an array", "[1,2]", 400, "bad-request"),
                restore("restore body over 16 KiB", "{\"x\":\"" + "a".repeat(17_000) + "\"}", 413,
                        "body-too-large"),
                raw("restore Content-Type ;;;/", post("/restore", "Authorization: Bearer " + RESTORE_TOKEN
                        + "\r\n", ";;;/", "{}"), 415, "unsupported-media-type"),
                raw("restore without token", post("/restore", "", "application/json", "{}"), 401,
                        "unauthorized"),
                event("backup key ../uploads/cat.jpg", "/backup", meshGenerated, "{\"id\":\"m1\",\"bucket\":"
                        + "\"meshes\",\"key\":\"../uploads/cat.jpg\",\"files\":[\"../uploads/cat.jpg\"]}", 400,
                        "invalid-event"),
                event("backup files with ..", "/backup", meshGenerated, "{\"id\":\"m1\",\"bucket\":\"meshes\","
                        + "\"files\":[\"m1/../../x\"]}", 400, "invalid-event"),
                event("backup key with NUL", "/backup", meshGenerated, "{\"id\":\"m1\",\"bucket\":\"meshes\","
                        + "\"files\":[\"m1/a\\u0000b\"]}", 400, "invalid-event"),
                event("backup of another event type", "/backup", "dev.orfeas.object.removed", "{}", 400,
                        "invalid-event"),
                raw("backup not a CloudEvent", post("/backup", internal(), "application/json", "{}"), 400,
                        "invalid-event"),
                raw("root not a CloudEvent", post("/", internal(), "application/json", "{}"), 400, "invalid-event"),
                raw("root structured event not JSON", post("/", internal(), "application/cloudevents+json", "{{{"),
                        400, "invalid-event"),
                // item 12: restoring into a bucket that does not exist is refused unless asked for
                restore("restore into a missing bucket", "{\"bucket\":\"no-such-bucket-hostile\"}", 404,
                        "no-bucket"),
                restore("restore createBucket not a boolean", "{\"createBucket\":1}", 400, "bad-request"),
                // item 11: the internal endpoints want the shared token when one is configured
                raw("root event without the internal token", post("/", ceHeaders("no-token",
                        "dev.orfeas.mesh.generated"), "application/json", "{}"), 401, "unauthorized"),
                raw("backup event with a wrong internal token", post("/backup", "X-Orfeas-Token: nope\r\n"
                        + ceHeaders("wrong-token", "dev.knative.sources.ping"), "application/json", "{}"), 401,
                        "unauthorized"),
                raw("root token in Authorization instead", post("/", "Authorization: Bearer " + INTERNAL_TOKEN
                        + "\r\n" + ceHeaders("bearer", "dev.orfeas.mesh.generated"), "application/json", "{}"), 401,
                        "invalid-token"),
                raw("backup event without any token", post("/backup", ceHeaders("none", "dev.knative.sources.ping"),
                        "application/json", "{}"), 401, "unauthorized"),
                raw("root Basic credentials", post("/", "Authorization: Basic b3JmZWFzOm9yZmVhcw==\r\n"
                        + ceHeaders("basic", "dev.orfeas.mesh.generated"), "application/json", "{}"), 401,
                        "unauthorized"),
                // item 11: OIDC tokens (Knative's sender identity): each check refuses on its own
                oidc("OIDC wrong audience", "/", ISSUER.token(c -> c.audience("eventing.knative.dev/broker/orfeas/default"))),
                oidc("OIDC wrong issuer", "/", ISSUER.token(c -> c.issuer("https://evil.example"))),
                oidc("OIDC subject not allowed", "/backup", ISSUER.token(c -> c.subject(
                        "system:serviceaccount:orfeas:default"))),
                oidc("OIDC expired", "/", ISSUER.token(c -> c.expirationTime(ago(600)).issueTime(ago(1200))
                        .notBeforeTime(ago(1200)))),
                oidc("OIDC not yet valid", "/backup", ISSUER.token(c -> c.notBeforeTime(
                        java.util.Date.from(java.time.Instant.now().plusSeconds(600))))),
                oidc("OIDC without exp", "/", ISSUER.token(c -> c.expirationTime(null))),
                oidc("OIDC alg none", "/", TestIssuer.unsigned()),
                oidc("OIDC HS256 with the public key", "/backup", ISSUER.hs256WithThePublicKey()),
                oidc("OIDC unknown kid", "/", ISSUER.signedByStranger()),
                oidc("OIDC tampered payload", "/", ISSUER.tampered()),
                oidc("OIDC garbage", "/backup", "not.a.jwt"),
                oidc("OIDC three dots of base64", "/", "eyJhbGciOiJSUzI1NiJ9.e30.AAAA"),
                raw("OIDC empty bearer", post("/", "Authorization: Bearer \r\n" + ceHeaders("empty",
                        "dev.orfeas.mesh.generated"), "application/json", "{}"), 401, "unauthorized"),
                // item 6: a malformed Accept is a problem+json answer, not an empty 400
                raw("Accept text/plain;q=abc", post("/webhooks/minio", "Authorization: Bearer " + WEBHOOK_TOKEN
                        + "\r\nAccept: text/plain;q=abc\r\n", "application/json", "{}"), 406, "not-acceptable"),
                raw("Accept foo", post("/restore", "Authorization: Bearer " + RESTORE_TOKEN
                        + "\r\nAccept: foo\r\n", "application/json", "{}"), 406, "not-acceptable"),
                raw("Accept */*;q=2", post("/webhooks/minio", "Authorization: Bearer " + WEBHOOK_TOKEN
                        + "\r\nAccept: */*;q=2\r\n", "application/json", "{}"), 406, "not-acceptable"),
                // item 6: the container's own error pages are problem+json too
                raw("negative Content-Length", "POST /webhooks/minio HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n", 400,
                        null),
                raw("duplicate Content-Length", "POST /webhooks/minio HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n"
                        + "Connection: close\r\n\r\n{}", 400, null),
                raw("Content-Length not a number", "POST /restore HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", 400,
                        null),
                raw("path /restore/../..", request("GET", "/restore/../..", ""), 400, null),
                raw("encoded slash", request("GET", "/backup%2F..", ""), 400, null),
                raw("encoded NUL", request("GET", "/backup%00", ""), 400, null),
                raw("bad UTF-8 in the path", request("GET", "/%C0%AF", ""), 400, null),
                raw("bad percent escape", request("GET", "/%ZZ", ""), 400, null),
                raw("URL over 8 KB", request("GET", "/livez?x=" + "a".repeat(9_000), ""), 400, null),
                raw("bare CR in a header", "GET /livez HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb\r\n"
                        + "Connection: close\r\n\r\n", 400, null),
                raw("header without colon", "GET /livez HTTP/1.1\r\nHost: x\r\nno-colon-here\r\n"
                        + "Connection: close\r\n\r\n", 400, null),
                raw("no Host header", "GET /livez HTTP/1.1\r\nConnection: close\r\n\r\n", 400, null),
                raw("invalid method token", "G(T / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, null),
                raw("bad chunk size", "POST /webhooks/minio HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + WEBHOOK_TOKEN + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, null),
                raw("TRACE", request("TRACE", "/", ""), 405, "method-not-allowed"),
                raw("GET the webhook", request("GET", "/webhooks/minio", ""), 405, "method-not-allowed"),
                raw("unknown path", request("GET", "/nope", ""), 404, "not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileRequestIsATyped4xxProblemAndTheAppStaysUp(String name, String request, int status, String slug)
            throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, request);

        assertThat(answer.status()).as(name + ": " + answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).as(name + ": " + answer.text()).startsWith("application/problem+json");
        JsonNode problem = MAPPER.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).startsWith("urn:orfeas:problem:");
        assertThat(problem.path("title").asString()).isNotBlank();
        if (slug != null) {
            assertThat(problem.path("type").asString()).isEqualTo("urn:orfeas:problem:" + slug);
        }
        assertThat(RawHttp.send(port, request("GET", "/livez", "")).status()).as("the app is still alive")
                .isEqualTo(200);
    }

    /** The control of the OIDC cases: the same request with a valid token, RS256 or ES256, passes the check. */
    @org.junit.jupiter.api.Test
    void aValidOidcTokenPassesWhereEachBrokenOneIsRefused() throws Exception {
        for (String token : java.util.List.of(ISSUER.token(), ISSUER.es256Token())) {
            RawHttp.Answer answer = RawHttp.send(port, post("/", "Authorization: Bearer " + token + "\r\n"
                    + ceHeaders("valid", "dev.orfeas.test.ping"), "application/json", "{}"));
            assertThat(answer.status()).as(answer.text()).isEqualTo(204);
        }
    }

    @AfterAll
    static void atLeastFortyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
        assertThat(ISSUER.fetches()).as("one JWKS fetch: unknown key ids are rate-limited").isEqualTo(1);
        ISSUER.close();
    }

    private static String request(String method, String target, String headers) {
        return method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String post(String target, String headers, String contentType, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body;
    }

    private static Arguments webhook(String name, String contentType, String body, int status, String slug) {
        return arguments(name, post("/webhooks/minio", "Authorization: Bearer " + WEBHOOK_TOKEN + "\r\n",
                contentType, body), status, slug);
    }

    private static Arguments restore(String name, String body, int status, String slug) {
        return arguments(name, post("/restore", "Authorization: Bearer " + RESTORE_TOKEN + "\r\n",
                "application/json", body), status, slug);
    }

    private static Arguments event(String name, String target, String type, String data, int status, String slug) {
        return arguments(name, post(target, internal() + ceHeaders(name, type), "application/json", data), status,
                slug);
    }

    /** An event to an internal endpoint with this bearer token and no shared token: a 401 {@code invalid-token}. */
    private static Arguments oidc(String name, String target, String token) {
        return arguments(name, post(target, "Authorization: Bearer " + token + "\r\n" + ceHeaders(name,
                "dev.orfeas.mesh.generated"), "application/json", "{}"), 401, "invalid-token");
    }

    private static java.util.Date ago(long seconds) {
        return java.util.Date.from(java.time.Instant.now().minusSeconds(seconds));
    }

    private static String ceHeaders(String name, String type) {
        return "ce-specversion: 1.0\r\nce-id: hostile-" + Math.abs(name.hashCode()) + "\r\n"
                + "ce-source: /orfeas/generate\r\nce-type: " + type + "\r\n";
    }

    private static String internal() {
        return "X-Orfeas-Token: " + INTERNAL_TOKEN + "\r\n";
    }

    private static Arguments raw(String name, String request, int status, String slug) {
        return arguments(name, request, status, slug);
    }
}
