package dev.orfeas.generate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.orfeas.generate.problem.ProblemAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, item 8: a client that drops its progress stream is normal — one DEBUG line, no WARN stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class SseDisconnectIntegrationTests extends SharedAppIntegrationTest {

    @Test
    void aClientDroppingItsProgressStreamLogsOneDebugLineAndNoWarning(CapturedOutput output) throws Exception {
        Logger advice = (Logger) LoggerFactory.getLogger(ProblemAdvice.class);
        Level before = advice.getLevel();
        advice.setLevel(Level.DEBUG);
        try {
            byte[] image = TestImages.discPng(1024, 77);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(60_000);
                String head = "POST /generate?quality=high&detail=0.77 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + API_KEY + "\r\nAccept: text/event-stream\r\nContent-Type: image/png\r\nContent-Length: "
                        + image.length + "\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(image);
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buffer = new byte[4096];
                while (!seen.toString().contains("event:progress")) {
                    int n = in.read(buffer);
                    assertThat(n).as("stream ended before a progress event: " + seen).isPositive();
                    seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                socket.setSoLinger(true, 0); // reset, as a client that goes away does
            }
            // the generation runs on; wait until the app has noticed the stream is gone and finished
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!output.getOut().contains("client disconnected")
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            awaitReady();
            Thread.sleep(1_000);
        } finally {
            advice.setLevel(before);
        }

        String log = output.getOut();
        assertThat(log.lines().filter(line -> line.contains("DEBUG") && line.contains("client disconnected")))
                .hasSize(1);
        assertThat(log.lines().filter(line -> line.contains(" WARN ")
                && (line.contains("ProblemAdvice") || line.contains("request failed")))).isEmpty();
        assertThat(log).doesNotContain("\tat ");
    }
}
