package dev.orfeas.generate;

import dev.orfeas.cloudevents.EventTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Object created in uploads" CloudEvents → mesh stored → reply event, in binary and structured mode. */
class CloudEventIntegrationTests extends SharedAppIntegrationTest {

    private static boolean uploaded;

    /** After the app has created the buckets (it starts before the first test, after any @BeforeAll). */
    @BeforeEach
    void uploadImages() {
        if (uploaded) {
            return;
        }
        uploaded = true;
        try (var s3 = testS3()) {
            s3.putObject(b -> b.bucket("uploads").key("events/cat.png").contentType("image/png"),
                    RequestBody.fromBytes(TestImages.discPng(80, 20)));
            s3.putObject(b -> b.bucket("uploads").key("events/box.jpg").contentType("image/jpeg"),
                    RequestBody.fromBytes(TestImages.boxJpeg(80)));
            s3.putObject(b -> b.bucket("uploads").key("events/blank.png").contentType("image/png"),
                    RequestBody.fromBytes(TestImages.uniformPng(48)));
        }
    }

    @Test
    void binaryModeEventProducesTheMeshAndAFreshReplyEventWithoutRequestHeaders() throws Exception {
        var response = binaryEvent("req-binary-1", "{\"bucket\":\"uploads\",\"key\":\"events/cat.png\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        var h = response.headers();
        assertThat(h.firstValue("ce-specversion")).hasValue("1.0");
        assertThat(h.firstValue("ce-type")).hasValue(EventTypes.MESH_GENERATED);
        assertThat(h.firstValue("ce-id").orElseThrow()).isNotEqualTo("req-binary-1");
        assertThat(h.firstValue("ce-source")).hasValue("/orfeas/generate");
        assertThat(h.firstValue("ce-traceparent")).isEmpty();
        assertThat(h.firstValue("ce-orfeastest")).isEmpty();
        assertThat(h.map().keySet()).noneMatch(k -> k.equalsIgnoreCase("x-request-echo"));
        JsonNode data = JSON.readTree(response.body());
        String meshId = data.get("id").asString();
        assertThat(h.firstValue("ce-subject")).hasValue(meshId);
        assertThat(data.get("source").get("key").asString()).isEqualTo("events/cat.png");
        try (var s3 = testS3()) {
            JsonNode meta = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("meshes").key(meshId + "/meta.json"))
                    .asByteArray());
            assertThat(meta.get("source").get("origin").asString()).isEqualTo("uploads/events/cat.png");
            var head = s3.headObject(b -> b.bucket("meshes").key(meshId + "/model.glb"));
            assertThat(head.contentType()).isEqualTo("model/gltf-binary");
            assertThat(head.contentDisposition()).contains("cat.glb");
            assertThat(head.metadata()).containsEntry("source-key", "uploads/events/cat.png");
        }
    }

    @Test
    void structuredModeEventIsAnsweredInStructuredMode() throws Exception {
        String event = """
                {"specversion":"1.0","id":"req-structured-1","source":"/minio/uploads","type":"%s",
                 "datacontenttype":"application/json","subject":"events/box.jpg",
                 "data":{"bucket":"uploads","key":"events/box.jpg"}}""".formatted(EventTypes.OBJECT_CREATED);

        var response = post("/", event.getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Type", "application/cloudevents+json", "Authorization", "Bearer " + API_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow())
                .startsWith("application/cloudevents+json");
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.get("type").asString()).isEqualTo(EventTypes.MESH_GENERATED);
        assertThat(reply.get("id").asString()).isNotEqualTo("req-structured-1");
        assertThat(reply.get("subject").asString()).isEqualTo(reply.get("data").get("id").asString());
        assertThat(reply.get("causationid").asString()).isEqualTo("req-structured-1");
    }

    @Test
    void duplicateEventDoesNotGenerateTwice() throws Exception {
        String data = "{\"bucket\":\"uploads\",\"key\":\"events/cat.png\"}";
        binaryEvent("dup-0", data);
        double hits = metric("orfeas_generation_cache_hits_total", null);
        double generatedMisses = metric("orfeas_generation_seconds_count", "cache=\"miss\"");

        var again = binaryEvent("dup-0", data);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("cached").asBoolean()).isTrue();
        assertThat(metric("orfeas_generation_cache_hits_total", null)).isEqualTo(hits + 1);
        assertThat(metric("orfeas_generation_seconds_count", "cache=\"miss\"")).isEqualTo(generatedMisses);
    }

    @Test
    void imageThatCannotBecomeAMeshRepliesMeshFailed() throws Exception {
        var response = binaryEvent("bad-1", "{\"bucket\":\"uploads\",\"key\":\"events/blank.png\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).hasValue(EventTypes.MESH_FAILED);
        assertThat(response.headers().firstValue("ce-subject")).hasValue("events/blank.png");
        assertThat(JSON.readTree(response.body()).get("reason").asString()).isEqualTo("no-foreground");
    }

    @Test
    void eventForAnotherBucketOrTypeIsRejectedAs400() throws Exception {
        var otherBucket = binaryEvent("x-1", "{\"bucket\":\"meshes\",\"key\":\"a/meta.json\"}");
        var notAnEvent = post("/", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type",
                "application/json", "Authorization", "Bearer " + API_KEY));

        assertThat(otherBucket.statusCode()).isEqualTo(400);
        assertThat(json(otherBucket).get("type").asString()).isEqualTo("urn:orfeas:problem:invalid-event");
        assertThat(notAnEvent.statusCode()).isEqualTo(400);
    }

    @Test
    void eventOverOneMebibyteIs413WithoutBeingReadWhole() throws Exception {
        String data = "{\"bucket\":\"uploads\",\"key\":\"events/cat.png\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";

        var response = binaryEvent("big-1", data);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:body-too-large");
    }

    @Test
    void anUnknownForegroundExtensionIsAnInvalidOptionsProblem() throws Exception {
        Map<String, String> headers = binaryHeaders("fg-1");
        headers.put("ce-foreground", "sideways");
        var response = post("/", "{\"bucket\":\"uploads\",\"key\":\"events/cat.png\"}"
                .getBytes(StandardCharsets.UTF_8), headers);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:invalid-options");
    }

    @Test
    void eventPostedToGenerateIsHandledLikeOneAtTheRoot() throws Exception {
        Map<String, String> headers = binaryHeaders("gen-1");
        var response = post("/generate", "{\"bucket\":\"uploads\",\"key\":\"events/cat.png\"}"
                .getBytes(StandardCharsets.UTF_8), headers);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).hasValue(EventTypes.MESH_GENERATED);
    }

    private HttpResponse<byte[]> binaryEvent(String id, String data) throws Exception {
        return post("/", data.getBytes(StandardCharsets.UTF_8), binaryHeaders(id));
    }

    private static Map<String, String> binaryHeaders(String id) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", id);
        headers.put("ce-source", "/minio/uploads");
        headers.put("ce-type", EventTypes.OBJECT_CREATED);
        headers.put("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.put("ce-orfeastest", "must-not-come-back");
        headers.put("X-Request-Echo", "no");
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + API_KEY);
        return headers;
    }
}
