package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.MeshGenerated;
import dev.orfeas.cloudevents.ObjectRef;
import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /backup} over real HTTP against S3Proxy: copies verified, replies as CloudEvents, reruns idempotent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackupIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
    }

    @Test
    void meshGeneratedIsCopiedByteIdenticalAndRepliedAsBackupCompletedWithoutEchoingTheRequest() throws Exception {
        String mesh = "m-" + UUID.randomUUID();
        byte[] glb = ("glTF fake mesh " + mesh).getBytes(StandardCharsets.UTF_8);
        store.put("meshes", new ObjectWrite(mesh + "/model.glb", glb, "model/gltf-binary", "cat.glb", Map.of()));
        store.put("meshes", ObjectWrite.of(mesh + "/meta.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json"));

        var response = postEvent("req-" + mesh, mesh);

        assertThat(response.statusCode()).isEqualTo(200);
        CloudEvent reply = reply(response);
        assertThat(reply.getType()).isEqualTo("dev.orfeas.backup.completed");
        assertThat(reply.getId()).isNotEqualTo("req-" + mesh);
        assertThat(reply.getSource().toString()).isEqualTo("/orfeas/events/backup");
        assertThat(reply.getSubject()).isEqualTo(mesh);
        JsonNode data = JSON.readTree(reply.getData().toBytes());
        assertThat(data.get("copied").asInt()).isEqualTo(2);
        var copy = store.get("backups", "meshes/" + mesh + "/model.glb").orElseThrow();
        assertThat(copy.bytes()).isEqualTo(glb);
        assertThat(copy.contentType()).isEqualTo("model/gltf-binary");
        assertThat(store.get("backups", "meshes/" + mesh + "/meta.json").orElseThrow().bytes())
                .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRedeliveryCopiesNothingAndADamagedCopyIsDetectedAndReplaced() throws Exception {
        String mesh = "m-" + UUID.randomUUID();
        byte[] glb = ("glTF fake mesh " + mesh).getBytes(StandardCharsets.UTF_8);
        store.put("meshes", ObjectWrite.of(mesh + "/model.glb", glb, "model/gltf-binary"));
        store.put("meshes", ObjectWrite.of(mesh + "/meta.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json"));

        var first = reply(postEvent("req-" + mesh, mesh));
        var again = reply(postEvent("req-" + mesh, mesh));
        store.put("backups", ObjectWrite.of("meshes/" + mesh + "/model.glb",
                "corrupted!".getBytes(StandardCharsets.UTF_8), "model/gltf-binary"));
        var repaired = reply(postEvent("req2-" + mesh, mesh));

        assertThat(JSON.readTree(again.getData().toBytes()).get("skipped").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(again.getData().toBytes()).get("copied").asInt()).isZero();
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(JSON.readTree(repaired.getData().toBytes()).get("copied").asInt()).isEqualTo(1);
        assertThat(store.get("backups", "meshes/" + mesh + "/model.glb").orElseThrow().bytes()).isEqualTo(glb);
    }

    @Test
    void aMissingSourceRepliesBackupFailedAndAnotherTypeIsA400() throws Exception {
        String mesh = "gone-" + UUID.randomUUID();

        var failed = reply(postEvent("req-" + mesh, mesh));
        var wrongType = send(CloudEventBuilder.v1().withId("x").withType(EventTypes.OBJECT_CREATED)
                .withSource(URI.create("/t")).withData("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(failed.getType()).isEqualTo("dev.orfeas.backup.failed");
        assertThat(JSON.readTree(failed.getData().toBytes()).get("detail").asString())
                .contains("meshes/" + mesh + "/model.glb").contains("does not exist");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(store.list("backups", "meshes/" + mesh, 10, null).keys()).isEmpty();
    }

    @Test
    void restoresOverHttpAreOffWithoutARestoreToken() throws Exception {
        var answer = new BackupCalls(URI.create("http://127.0.0.1:" + port))
                .restore("anything", "application/json", "{}");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("urn:orfeas:problem:forbidden").contains("restore-token");
    }

    private HttpResponse<byte[]> postEvent(String id, String mesh) throws Exception {
        // what generate sends: its payload record
        byte[] data = EventData.write(new MeshGenerated(mesh, "meshes", mesh + "/model.glb", mesh + "/meta.json",
                "glb", List.of(mesh + "/model.glb"), new ObjectRef("uploads", "cat.png"), false));
        return send(CloudEventBuilder.v1().withId(id).withType(EventTypes.MESH_GENERATED)
                .withSource(URI.create("/orfeas/generate")).withSubject(mesh)
                .withData(EventData.JSON, data).build());
    }

    private HttpResponse<byte[]> send(CloudEvent event) throws Exception {
        var encoded = CloudEventCodec.write(event, false);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/backup"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static CloudEvent reply(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> headers.put(name, values.getFirst()));
        return CloudEventCodec.read(headers, response.body());
    }
}
