package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.S3Clients;
import dev.orfeas.storage.StorageProperties;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups to a second S3 endpoint (another S3Proxy process): per-mesh backups and scheduled ones land there, not
 * in the app's own store, and a restore brings the objects back from there byte for byte.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemoteBackupIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String MESHES = "remote-meshes-" + RUN;
    static final String OFFSITE = "offsite-" + RUN;
    static final String TOKEN = "restore-" + UUID.randomUUID();
    static final LocalS3Server SECOND = LocalS3Server.startNew();

    static S3Client secondClient;
    static ObjectStore offsite;

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("orfeas.storage.buckets.meshes", () -> MESHES);
        registry.add("orfeas.events.backup.restore-token", () -> TOKEN);
        registry.add("orfeas.events.backup.target.endpoint", () -> SECOND.endpoint().toString());
        registry.add("orfeas.events.backup.target.access-key", () -> LocalS3Server.ACCESS_KEY);
        registry.add("orfeas.events.backup.target.secret-key", () -> LocalS3Server.SECRET_KEY);
        registry.add("orfeas.events.backup.target.checksums", () -> "when-required");
        registry.add("orfeas.events.backup.target.buckets.backups", () -> OFFSITE);
    }

    @BeforeAll
    static void secondStore() {
        var properties = new StorageProperties(SECOND.endpoint(), "us-east-1", LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, true, false, "when-required", Duration.ofHours(1), DataSize.ofMegabytes(16),
                DataSize.ofMegabytes(8), new StorageProperties.Buckets("uploads", "meshes", OFFSITE, "failed"));
        secondClient = S3Clients.client(properties);
        offsite = new ObjectStore(secondClient, S3Clients.presigner(properties), properties);
    }

    @AfterAll
    static void close() {
        secondClient.close();
    }

    @Test
    void aGeneratedMeshIsCopiedToTheSecondEndpointOnly() throws Exception {
        String mesh = "m-" + RUN;
        byte[] glb = ("glTF remote " + mesh).getBytes(StandardCharsets.UTF_8);
        store.put(MESHES, new ObjectWrite(mesh + "/model.glb", glb, "model/gltf-binary", "cat.glb",
                Map.of("source", "cat.png")));

        var reply = BackupCalls.reply(meshGenerated(mesh));

        assertThat(reply.getType()).isEqualTo(EventTypes.BACKUP_COMPLETED);
        assertThat(JSON.readTree(reply.getData().toBytes()).get("backupBucket").asString()).isEqualTo(OFFSITE);
        var copy = offsite.get(OFFSITE, "meshes/" + mesh + "/model.glb").orElseThrow();
        assertThat(copy.bytes()).isEqualTo(glb);
        assertThat(copy.contentType()).isEqualTo("model/gltf-binary");
        assertThat(copy.metadata()).containsEntry("source", "cat.png");
        assertThat(store.exists("backups", "meshes/" + mesh + "/model.glb")).isFalse();
    }

    @Test
    void aScheduledBackupGoesToTheSecondEndpointAndRestoresFromIt() throws Exception {
        for (int i = 0; i < 6; i++) {
            store.put(MESHES, ObjectWrite.of("full-" + i + "/model.glb",
                    ScheduledBackupIntegrationTests.randomBytes(3000 + 1000 * i, i), "model/gltf-binary"));
        }
        List<ObjectInfo> originals = store.listAll(MESHES, "");
        Map<String, byte[]> before = new HashMap<>();
        for (ObjectInfo o : originals) {
            before.put(o.key(), store.get(MESHES, o.key()).orElseThrow().bytes());
        }
        var calls = new BackupCalls(URI.create("http://127.0.0.1:" + port));

        var tick = BackupCalls.reply(calls.ping("remote-" + RUN));
        String manifest = JSON.readTree(tick.getData().toBytes()).get("manifest").asString();
        store.delete(MESHES, List.copyOf(before.keySet()));
        var restore = calls.restore(TOKEN, "application/json", "{\"manifest\":\"" + manifest + "\"}");

        assertThat(offsite.exists(OFFSITE, manifest)).isTrue();
        assertThat(store.exists("backups", manifest)).isFalse();
        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
        assertThat(JSON.readTree(restore.body()).get("restored").asInt()).isEqualTo(before.size());
        for (var object : before.entrySet()) {
            assertThat(store.get(MESHES, object.getKey()).orElseThrow().bytes()).isEqualTo(object.getValue());
        }
    }

    private HttpResponse<byte[]> meshGenerated(String mesh) throws Exception {
        String data = "{\"id\":\"" + mesh + "\",\"bucket\":\"" + MESHES + "\",\"key\":\"" + mesh + "/model.glb\"}";
        var encoded = CloudEventCodec.write(CloudEventBuilder.v1().withId("req-" + mesh)
                .withType(EventTypes.MESH_GENERATED).withSource(URI.create("/orfeas/generate")).withSubject(mesh)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build(), false);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/backup"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded.body()));
        encoded.headers().forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
