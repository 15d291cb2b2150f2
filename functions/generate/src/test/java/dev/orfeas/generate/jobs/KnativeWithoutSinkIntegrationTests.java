package dev.orfeas.generate.jobs;

import dev.orfeas.generate.AppTestSupport;
import dev.orfeas.generate.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Knative ({@code K_SERVICE} set) with no {@code K_SINK} — the cluster-local generate-events service — a job is
 * never run here after its 202 (no request would be in flight): {@code POST /jobs} is refused at once with a
 * problem that says where jobs go, and no job is stored. Nor does it sweep the store at start (a cold start must not
 * list the whole bucket): a PingSource tick delivered to {@code POST /} runs the sweep inside its request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + AppTestSupport.API_KEY,
        "K_SERVICE=generate-events",
        "orfeas.maintenance.grace=2s",
        "ORFEAS_LOG_FORMAT="})
class KnativeWithoutSinkIntegrationTests extends AppTestSupport {

    private static final Instant START = Instant.now();
    /** A mesh folder without meta.json, as a writer killed mid-write leaves it; made before the app starts. */
    private static final String ORPHAN = "d0" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);

    @BeforeAll
    static void orphanBeforeTheStart() {
        try (var s3 = testS3()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("meshes"))) {
                s3.createBucket(b -> b.bucket("meshes")); // the first test class of the run: no app made it yet
            }
            s3.putObject(b -> b.bucket("meshes").key(ORPHAN + "/model.glb"), RequestBody.fromString("half a mesh"));
        }
    }

    @Test
    void theStoreIsSweptOnlyInsideAPingSourceDeliveryNotAtStart() throws Exception {
        Thread.sleep(2_500); // older than the grace period
        assertThat(keys(ORPHAN + "/")).as("not swept at start").containsExactly(ORPHAN + "/model.glb");

        var tick = post("/", "{}".getBytes(StandardCharsets.UTF_8), Map.of(
                "ce-specversion", "1.0", "ce-id", UUID.randomUUID().toString(),
                "ce-source", "/apis/v1/namespaces/orfeas/pingsources/hourly-sweep",
                "ce-type", "dev.knative.sources.ping", "Content-Type", "application/json",
                "Authorization", "Bearer " + API_KEY));

        assertThat(tick.statusCode()).isEqualTo(200);
        assertThat(tick.headers().firstValue("ce-type")).as("no reply event").isEmpty();
        assertThat(keys(ORPHAN + "/")).as("swept by the tick").isEmpty();

        // a second tick right after (a redelivery, or a flood from anyone who reaches POST /) lists nothing again
        String later = "d1" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        try (var s3 = testS3()) {
            s3.putObject(b -> b.bucket("meshes").key(later + "/model.glb"), RequestBody.fromString("half a mesh"));
        }
        Thread.sleep(2_500);
        var again = post("/", "{}".getBytes(StandardCharsets.UTF_8), Map.of(
                "ce-specversion", "1.0", "ce-id", UUID.randomUUID().toString(),
                "ce-source", "/apis/v1/namespaces/orfeas/pingsources/hourly-sweep",
                "ce-type", "dev.knative.sources.ping", "Content-Type", "application/json",
                "Authorization", "Bearer " + API_KEY));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(keys(later + "/")).as("not swept: the last sweep is under 10 min old").hasSize(1);
    }

    private static java.util.List<String> keys(String prefix) {
        try (var s3 = testS3()) {
            return s3.listObjectsV2(r -> r.bucket("meshes").prefix(prefix)).contents().stream()
                    .map(o -> o.key()).toList();
        }
    }

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
