package dev.orfeas.generate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 3, with real slow sockets: the upload is read before a generation slot is taken, and a body that
 * does not arrive within orfeas.generation.body-timeout is a 408 problem. One slot only, so a slow client holding
 * it would make the normal request below a 429.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.generation.max-concurrent=1",
        "orfeas.generation.body-timeout=2s",
        "orfeas.jobs.instance=slow-client-tests",
        "ORFEAS_LOG_FORMAT="})
class SlowClientIntegrationTests extends AppTestSupport {

    @Test
    void aClientTricklingItsUploadHoldsNoSlotAndGets408() throws Exception {
        for (String path : new String[] {"/generate", "/jobs"}) {
            try (Socket slow = open()) {
                OutputStream out = slow.getOutputStream();
                out.write(head(path, 5_000).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                AtomicBoolean stop = new AtomicBoolean();
                Thread trickle = Thread.ofVirtual().start(() -> {
                    try {
                        while (!stop.get()) {
                            out.write(0x42);
                            out.flush();
                            Thread.sleep(250);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the server closed the connection after its 408
                    }
                });
                Instant start = Instant.now();
                // meanwhile the one slot is free for a normal request
                var normal = postImage("/generate?quality=draft", TestImages.discPng(64, 91), "image/png",
                        "application/json");
                assertThat(normal.statusCode()).as(path).isEqualTo(200);

                String answer = readHead(slow.getInputStream());
                stop.set(true);
                trickle.join();
                assertThat(answer).as(path).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("application/problem+json").contains("request-timeout");
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
            }
        }
    }

    @Test
    void aClientThatStopsSendingMidBodyGets408() throws Exception {
        try (Socket stalled = open()) {
            stalled.getOutputStream().write((head("/generate", 5_000) + "abc").getBytes(StandardCharsets.ISO_8859_1));
            stalled.getOutputStream().flush();
            String answer = readHead(stalled.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("request-timeout");
        }
        assertThat(get("/readyz", java.util.Map.of()).statusCode()).isEqualTo(200);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static String head(String path, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + API_KEY
                + "\r\nContent-Type: image/png\r\nAccept: application/json\r\nContent-Length: " + contentLength
                + "\r\n\r\n";
    }

    /** The status line, headers and what of the body has arrived. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            if (text.indexOf("}") > 0) {
                break;
            }
        }
        return text.toString();
    }
}
