package dev.orfeas.generate.security;

import dev.orfeas.generate.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 10: the events adapter's fan-out must not be throttled by the limit meant for clients. Over real
 * HTTP: a client key gets 429 after its burst of 3, the internal key (orfeas.security.internal.api-keys) goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.security.rate-limit.capacity=3",
        "orfeas.security.rate-limit.refill-per-minute=1",
        "orfeas.security.internal.api-keys=" + InternalKeyRateLimitIntegrationTests.INTERNAL_KEY,
        "orfeas.security.internal.capacity=50",
        "orfeas.security.internal.refill-per-minute=1",
        "ORFEAS_LOG_FORMAT="})
class InternalKeyRateLimitIntegrationTests extends AppTestSupport {

    static final String INTERNAL_KEY = "events-adapter-key-0123456789";

    @Test
    void anInternalKeyHasItsOwnLimitWhileAClientKeyIsThrottledAtItsBurst() throws Exception {
        Map<String, String> client = Map.of("Authorization", "Bearer " + API_KEY);
        Map<String, String> internal = Map.of("Authorization", "Bearer " + INTERNAL_KEY);
        for (int i = 0; i < 3; i++) {
            assertThat(metered(client).statusCode()).isEqualTo(415);
        }

        var throttled = metered(client);
        int internalOk = 0;
        for (int i = 0; i < 20; i++) {
            if (metered(internal).statusCode() == 415) {
                internalOk++;
            }
        }

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled).get("type").asString()).isEqualTo("urn:orfeas:problem:rate-limited");
        assertThat(internalOk).as("internal calls past the client burst").isEqualTo(20);
    }

    @Test
    void anInternalKeyPastItsOwnBurstIs429WithItsOwnRate() throws Exception {
        Map<String, String> internal = Map.of("X-API-Key", INTERNAL_KEY);
        int ok = 0;
        for (int i = 0; i < 60 && metered(internal).statusCode() == 415; i++) {
            ok++;
        }

        var limited = metered(internal);

        assertThat(ok).isLessThanOrEqualTo(50);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("detail").asString()).contains("1 requests per minute");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }

    /** A POST the filter meters (reads are not) that the app answers at once: 415, not an image. */
    private HttpResponse<byte[]> metered(Map<String, String> key) throws Exception {
        Map<String, String> headers = new HashMap<>(key);
        headers.put("Content-Type", "text/plain");
        return post("/generate", "not an image".getBytes(StandardCharsets.UTF_8), headers);
    }
}
