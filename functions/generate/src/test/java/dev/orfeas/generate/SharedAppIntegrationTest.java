package dev.orfeas.generate;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * One application context for the HTTP and CloudEvent test classes: API key on, broker events at {@code POST /}
 * without a key (as the cluster-local generate-events service runs), generous rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "orfeas.security.events-without-key=true",
        "orfeas.security.rate-limit.capacity=10000",
        "orfeas.security.rate-limit.refill-per-minute=10000",
        "orfeas.generation.max-bytes=300KB",
        "orfeas.generation.max-dimension=2048",
        "ORFEAS_LOG_FORMAT="})
public abstract class SharedAppIntegrationTest extends AppTestSupport {
}
