package dev.orfeas.generate;

import dev.orfeas.storage.RawHttp;
import dev.orfeas.cloudevents.EventTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The hostile-input suite (issue 12): a careless or hostile client's requests, written byte for byte to a socket.
 * Each must be answered with its 4xx status and an RFC 9457 problem+json body of the app's catalogue — never a
 * 500, never Tomcat's HTML or Boot's default JSON — and the app must still answer {@code /livez} afterwards. Grows
 * with every finding; the count is in docs/security.md.
 */
class HostileInputIntegrationTests extends SharedAppIntegrationTest {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String KEY = "Authorization: Bearer " + API_KEY + "\r\n";
    static final String ID = "0123456789abcdef0123456789abcdef";

    static Stream<Arguments> cases() {
        return Stream.of(
                // item 5: a client's mistake is a typed 4xx, never a 500
                get("faces over int range", "/generate?faces=1000000000000", 400, "invalid-options", "POST"),
                get("faces not a number", "/generate?faces=abc", 400, "invalid-options", "POST"),
                get("detail not a number", "/generate?detail=abc", 400, "invalid-options", "POST"),
                get("unknown format", "/generate?format=obj2", 400, "invalid-options", "POST"),
                get("unknown quality", "/generate?quality=ultra", 400, "invalid-options", "POST"),
                get("unknown foreground", "/generate?foreground=sideways", 400, "invalid-options", "POST"),
                get("limit over long range", "/meshes?limit=1000000000000", 400, "invalid-options", "GET"),
                get("limit not a number", "/meshes?limit=abc", 400, "invalid-options", "GET"),
                get("limit zero", "/meshes?limit=0", 400, "bad-request", "GET"),
                get("limit negative", "/meshes?limit=-5", 400, "bad-request", "GET"),
                get("page bad UTF-8", "/meshes?page=%FF", 400, "bad-request", "GET"),
                get("page with NUL", "/meshes?page=%00", 400, "bad-request", "GET"),
                get("page with CRLF", "/meshes?page=%0d%0afake", 400, "bad-request", "GET"),
                get("page bad UTF-8 with a forged log line", "/meshes?page=%FF%0d%0a2026-01-01T00:00:00Z%20ERROR%20"
                        + "forged", 400, "bad-request", "GET"),
                event("event key with .. segments", "{\"bucket\":\"uploads\",\"key\":\"../meshes/" + ID
                        + "/source.png\"}", EventTypes.OBJECT_CREATED, 400, "invalid-event"),
                event("event key with NUL", "{\"bucket\":\"uploads\",\"key\":\"a\\u0000b.png\"}",
                        EventTypes.OBJECT_CREATED, 400, "invalid-event"),
                event("event key only ..", "{\"bucket\":\"uploads\",\"key\":\"..\"}",
                        EventTypes.OBJECT_CREATED, 400, "invalid-event"),
                event("event for another bucket", "{\"bucket\":\"meshes\",\"key\":\"x.png\"}",
                        EventTypes.OBJECT_CREATED, 400, "invalid-event"),
                event("removal event", "{\"bucket\":\"uploads\",\"key\":\"x.png\"}",
                        "dev.orfeas.object.removed", 400, "invalid-event"),
                event("event data not JSON", "{{{", EventTypes.OBJECT_CREATED, 400, "invalid-event"),
                event("event data without key", "{\"bucket\":\"uploads\"}", EventTypes.OBJECT_CREATED, 400,
                        "invalid-event"),
                // item 4: a CloudEvent declaring 200 MB is refused from its headers, the body never read
                raw("event declaring a 200 MB body", "POST / HTTP/1.1\r\nHost: x\r\n" + KEY + "ce-specversion: 1.0\r\n"
                        + "ce-id: hostile-200mb\r\nce-source: /minio/uploads\r\nce-type: " + EventTypes.OBJECT_CREATED
                        + "\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\nConnection: close\r\n\r\n",
                        413, "body-too-large"),
                raw("structured event declaring a 200 MB body", "POST / HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: application/cloudevents+json\r\nContent-Length: 209715200\r\n"
                        + "Connection: close\r\n\r\n", 413, "body-too-large"),
                raw("upload Content-Type ;;;/", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: ;;;/\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd", 415, null),
                raw("upload that is no image", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: image/png\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd", 415,
                        "unsupported-image-type"),
                // item 6: a malformed Accept is a problem+json answer, not an empty 400
                raw("Accept text/plain;q=abc", request("GET", "/meshes", "Accept: text/plain;q=abc\r\n"), 406,
                        "not-acceptable"),
                raw("Accept foo", request("GET", "/meshes", "Accept: foo\r\n"), 406, "not-acceptable"),
                raw("Accept */*;q=2", request("GET", "/meshes", "Accept: */*;q=2\r\n"), 406, "not-acceptable"),
                raw("Accept foo on a missing mesh", request("GET", "/meshes/" + ID, "Accept: foo\r\n"), 404,
                        "not-found"),
                // item 6: the container's own error pages are problem+json too
                raw("negative Content-Length", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: image/png\r\nContent-Length: -1\r\nConnection: close\r\n\r\n", 400, null),
                raw("duplicate Content-Length", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: image/png\r\nContent-Length: 4\r\nContent-Length: 5\r\n"
                        + "Connection: close\r\n\r\nabcd", 400, null),
                raw("Content-Length not a number", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: image/png\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", 400, null),
                raw("path /meshes/../..", request("GET", "/meshes/../..", ""), 400, null),
                raw("encoded slash", request("GET", "/meshes/a%2Fb", ""), 400, null),
                raw("encoded NUL", request("GET", "/meshes/a%00b", ""), 400, null),
                raw("bad UTF-8 in the path", request("GET", "/meshes/%C0%AF", ""), 400, null),
                raw("bad percent escape", request("GET", "/meshes/%ZZ", ""), 400, null),
                raw("URL over 8 KB", request("GET", "/meshes?page=" + "a".repeat(9_000), ""), 400, null),
                raw("bare CR in a header", "GET /meshes HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "X-Evil: a\rb\r\nConnection: close\r\n\r\n", 400, null),
                raw("header without colon", "GET /meshes HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "no-colon-here\r\nConnection: close\r\n\r\n", 400, null),
                raw("no Host header", "GET /meshes HTTP/1.1\r\n" + KEY + "Connection: close\r\n\r\n", 400, null),
                raw("invalid method token", "G(T /meshes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400,
                        null),
                raw("bad chunk size", "POST /generate HTTP/1.1\r\nHost: x\r\n" + KEY
                        + "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "zz\r\nabcd\r\n0\r\n\r\n", 400, null),
                raw("TRACE", request("TRACE", "/meshes", ""), 405, "method-not-allowed"),
                raw("DELETE /generate", request("DELETE", "/generate", ""), 405, "method-not-allowed"),
                raw("unknown path", request("GET", "/nope", ""), 404, "not-found"),
                raw("no API key", "GET /meshes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 401,
                        "unauthorized"),
                raw("wrong API key", "GET /meshes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n"
                        + "Connection: close\r\n\r\n", 401, "unauthorized"));
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
        assertThat(get("/livez", java.util.Map.of()).statusCode()).as("the app is still alive").isEqualTo(200);
    }

    /**
     * Item 4: a 200 MB CloudEvent streamed in chunks (no Content-Length to refuse it by) is answered 413 after the
     * 1 MiB cap, and the connection is closed long before the sender gets rid of 200 MB: the app never reads it
     * whole, so its heap stays flat.
     */
    @Test
    void aStreamed200MbCloudEventIs413AfterTheCapWithoutBeingReadWhole() throws Exception {
        long total = 200L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\n" + KEY + "ce-specversion: 1.0\r\nce-id: hostile-stream\r\n"
                    + "ce-source: /minio/uploads\r\nce-type: " + EventTypes.OBJECT_CREATED + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                try {
                    while (written.get() < total) {
                        out.write(size);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                        written.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closedByTheApp) {
                    // expected: the app answered and closed the connection
                }
            });
            byte[] head = socket.getInputStream().readNBytes(4096);
            sender.join(60_000);
            String answer = new String(head, StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
            assertThat(answer).contains("urn:orfeas:problem:body-too-large");
        }
        assertThat(written.get()).as("bytes the app let the sender write").isLessThan(64L * 1024 * 1024);
        assertThat(get("/livez", java.util.Map.of()).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void atLeastFortyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
    }

    private static String request(String method, String target, String headers) {
        return method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + KEY + headers + "Connection: close\r\n\r\n";
    }

    private static Arguments get(String name, String target, int status, String slug, String method) {
        String body = method.equals("POST") ? "Content-Type: image/png\r\nContent-Length: 0\r\n" : "";
        return arguments(name, request(method, target, body), status, slug);
    }

    private static Arguments event(String name, String data, String type, int status, String slug) {
        String headers = "ce-specversion: 1.0\r\nce-id: hostile-" + Math.abs(name.hashCode()) + "\r\n"
                + "ce-source: /minio/uploads\r\nce-type: " + type + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n";
        return arguments(name, "POST / HTTP/1.1\r\nHost: x\r\n" + KEY + headers + "Connection: close\r\n\r\n"
                + data, status, slug);
    }

    private static Arguments raw(String name, String request, int status, String slug) {
        return arguments(name, request, status, slug);
    }
}
