package dev.orfeas.generate.jobs;

import dev.orfeas.generate.AppTestSupport;
import dev.orfeas.generate.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Knative ({@code K_SERVICE} set) with no {@code K_SINK} — the cluster-local generate-events service — a job is
 * never run here after its 202 (no request would be in flight): {@code POST /jobs} is refused at once with a
 * problem that says where jobs go, and no job is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "K_SERVICE=generate-events",
        "ORFEAS_LOG_FORMAT="})
class KnativeWithoutSinkIntegrationTests extends AppTestSupport {

    private static final Instant START = Instant.now();

    @Test
    void aJobIsRefusedInsteadOfRunningAfterTheResponse() throws Exception {
        var response = postImage("/jobs?quality=draft", TestImages.discPng(64, 57), "image/png", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:sink-unavailable");
        assertThat(json(response).get("detail").asString()).contains("generate service");
        try (var s3 = testS3()) {
            assertThat(s3.listObjectsV2(r -> r.bucket("meshes").prefix("jobs/")).contents())
                    .noneMatch(o -> o.key().endsWith(".json") && o.lastModified().isAfter(START));
        }
    }
}
