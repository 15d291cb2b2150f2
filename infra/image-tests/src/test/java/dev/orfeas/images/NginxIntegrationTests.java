package dev.orfeas.images;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The project's nginx configuration, run by Debian's nginx on loopback in front of the generate container, with a
 * certificate made by scripts/make-dev-cert.sh. Small limits (1 MiB uploads, 1 request/s with a burst of 5) keep
 * the test quick; production values come from the compose file's environment.
 */
class NginxIntegrationTests {

    private static final int MAX_BODY = 1024 * 1024;
    private static final int BURST = 5;

    @TempDir
    static Path prefix;
    private static GenericContainer<?> generate;
    private static Nginx nginx;
    private static int httpPort;
    private static int httpsPort;
    private static Certificate certificate;
    private static SSLContext trustingDevCert;

    @BeforeAll
    static void start() throws Exception {
        generate = S3Network.generate();
        generate.start();

        Path certs = prefix.resolve("certs");
        Process cert = new ProcessBuilder("bash", Images.root().resolve("scripts/make-dev-cert.sh").toString(),
                "--out", certs.toString()).inheritIO().start();
        assertThat(cert.waitFor()).as("make-dev-cert.sh").isZero();
        try (InputStream in = Files.newInputStream(certs.resolve("tls.crt"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("orfeas-dev", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustingDevCert = SSLContext.getInstance("TLS");
        trustingDevCert.init(null, tmf.getTrustManagers(), null);

        httpPort = Nginx.freePort();
        httpsPort = Nginx.freePort();
        nginx = Nginx.start(prefix, Map.ofEntries(
                Map.entry("ORFEAS_SERVER_NAME", "localhost"),
                Map.entry("ORFEAS_HTTP_PORT", "127.0.0.1:" + httpPort),
                Map.entry("ORFEAS_HTTPS_PORT", "127.0.0.1:" + httpsPort),
                Map.entry("ORFEAS_PUBLIC_HTTPS_PORT", String.valueOf(httpsPort)),
                Map.entry("ORFEAS_TLS_CERT", certs.resolve("tls.crt").toString()),
                Map.entry("ORFEAS_TLS_KEY", certs.resolve("tls.key").toString()),
                Map.entry("ORFEAS_GENERATE_UPSTREAM", "127.0.0.1:" + generate.getMappedPort(8080)),
                Map.entry("ORFEAS_GRAFANA_UPSTREAM", "127.0.0.1:9"),
                Map.entry("ORFEAS_MAX_BODY", "1m"),
                Map.entry("ORFEAS_RATE", "1r/s"),
                Map.entry("ORFEAS_BURST", String.valueOf(BURST))), httpsPort);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (generate != null) {
            generate.stop();
        }
    }

    @Test
    void tlsHandshakeWithTheDevCertificateOnTls13AndTls12() throws Exception {
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLParameters only = new SSLParameters();
            only.setProtocols(new String[] {protocol});
            HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert).sslParameters(only).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(https("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession()).get().satisfies(session -> {
                assertThat(session.getProtocol()).isEqualTo(protocol);
                assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate);
            });
            assertThat(health.headers().firstValue("Strict-Transport-Security")).isPresent();
        }
        // a client that does not trust the self-signed certificate is refused: it really is the one served
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(https("/health")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsRedirectedToHttps() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/meshes?limit=1")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
                .contains("https://localhost:" + httpsPort + "/meshes?limit=1");
    }

    @Test
    void requestsBeyondTheBurstGet429WithRetryAfter() throws Exception {
        // a client address of its own (127.0.0.2), so the other tests' requests do not count against it
        HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert)
                .localAddress(InetAddress.getByName("127.0.0.2")).build();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < BURST + 8; i++) {
            responses.add(client.send(HttpRequest.newBuilder(https("/meshes?limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses.subList(0, BURST + 1)).as("the burst passes").containsOnly(200);
        assertThat(statuses.stream().filter(s -> s == 429).count()).as(statuses.toString()).isGreaterThanOrEqualTo(5);
        HttpResponse<String> limited = responses.getLast();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(limited.body()).contains("urn:orfeas:problem:rate-limited");
    }

    @Test
    void sseProgressArrivesThroughTheProxyEventByEvent() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert).build();
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(
                                https("/generate?" + Images.slowUncachedQuery()))
                        .header("Content-Type", "image/png").header("Accept", "text/event-stream")
                        // as browsers send it: the stream must still not be compressed (gzip would hold it back)
                        .header("Accept-Encoding", "gzip, deflate")
                        .POST(HttpRequest.BodyPublishers.ofFile(Images.slowPhoto())).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        List<String> events = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("event:")).forEach(line -> {
                events.add(line.substring("event:".length()).strip());
                arrivals.add(System.nanoTime());
            });
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(5).last().isEqualTo("result");
        // buffered, all events would arrive together when the generation ends (~3 s); streamed, the first
        // progress event comes long before the result
        long spreadMillis = (arrivals.getLast() - arrivals.getFirst()) / 1_000_000;
        assertThat(spreadMillis).as("first progress event → result").isGreaterThan(500);
    }

    @Test
    void jobProgressArrivesThroughTheProxyOverAWebSocket() throws Exception {
        // a client address of its own (127.0.0.3): the rate-limit test's burst must not spill into this one
        HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert)
                .localAddress(InetAddress.getByName("127.0.0.3")).build();
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(https("/jobs?" + Images.slowUncachedQuery()))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofFile(Images.slowPhoto())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{32})\"").matcher(accepted.body());
        assertThat(id.find()).as(accepted.body()).isTrue();

        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(
                URI.create("wss://localhost:" + httpsPort + "/jobs/" + id.group(1) + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            assertThat(closed.get(60, TimeUnit.SECONDS)).as("the server closes normally at the end").isEqualTo(1000);
        } finally {
            socket.abort();
        }
        // upgraded through nginx, the socket carried the job from running to its result, stage by stage
        assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(messages.getFirst()).contains("\"status\":\"");
        assertThat(messages.getLast()).contains("\"status\":\"succeeded\"").contains("\"percent\":100");
        assertThat(messages.stream().filter(m -> m.contains("\"status\":\"running\""))).isNotEmpty();
    }

    @Test
    void uploadAtTheLimitPassesAndOneByteMoreGets413() throws Exception {
        // the photo, padded after its PNG end to exactly the limit (decoders stop at IEND)
        byte[] photo = Files.readAllBytes(Images.photo());
        byte[] atLimit = Arrays.copyOf(photo, MAX_BODY);
        byte[] overLimit = Arrays.copyOf(photo, MAX_BODY + 1);
        HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert).build();

        HttpResponse<byte[]> passed = client.send(upload(atLimit), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(new String(passed.body(), 0, 4)).isEqualTo("glTF");

        HttpResponse<String> refused = client.send(upload(overLimit), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("urn:orfeas:problem:body-too-large");
    }

    @Test
    void theStudioPageComesFromTheAppWithItsCspAndItsBundleGzipped() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingDevCert).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(https("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        Matcher script = Pattern.compile("src=\"(/static/[^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the page names its hashed bundle:\n%s", page.body()).isTrue();

        HttpResponse<byte[]> bundle = client.send(HttpRequest.newBuilder(https(script.group(1)))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(bundle.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bundle.body()))) {
            assertThat(in.readAllBytes().length).isGreaterThan(bundle.body().length);
        }
    }

    private static HttpRequest upload(byte[] body) {
        return HttpRequest.newBuilder(https("/generate")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static URI https(String path) {
        return URI.create("https://localhost:" + httpsPort + path);
    }
}
