package dev.orfeas.generate;

import dev.orfeas.storage.RawHttp;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.orfeas.generate.problem.ProblemAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, item 7: a value with CR, LF or NUL is logged escaped in the plain-text log, never as a line of its own. */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingIntegrationTests extends SharedAppIntegrationTest {

    static final String FORGED = "2026-01-01T00:00:00.000Z ERROR forged-by-a-client";

    @Test
    void aQueryWithCrLfAndNulCannotWriteAFakeLogLine(CapturedOutput output) throws Exception {
        Logger advice = (Logger) LoggerFactory.getLogger(ProblemAdvice.class);
        Level before = advice.getLevel();
        advice.setLevel(Level.DEBUG); // the 400 is logged at debug, with the parameter's value
        try {
            var answer = RawHttp.send(port, "GET /meshes?page=%FF%0d%0a" + FORGED.replace(" ", "%20")
                    + "%00x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + API_KEY
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
        } finally {
            advice.setLevel(before);
        }

        String log = output.getOut();
        assertThat(log).contains("forged-by-a-client");
        assertThat(Arrays.stream(log.split("\n")).filter(line -> line.contains("forged-by-a-client")))
                .allSatisfy(line -> assertThat(line).doesNotStartWith(FORGED).contains("ProblemAdvice")
                        .doesNotContain("\r").doesNotContain("\u0000"));
    }
}
