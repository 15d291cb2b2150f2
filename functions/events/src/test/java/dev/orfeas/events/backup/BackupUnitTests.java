package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.BackupFailed;
import dev.orfeas.cloudevents.CloudEventCodec;
import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.MeshBackedUp;
import dev.orfeas.cloudevents.MeshGenerated;
import dev.orfeas.cloudevents.ObjectRef;
import dev.orfeas.storage.MemoryStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VerifiedCopier, Restorer and BackupController with {@code new} over in-memory stores: no S3 server. */
class BackupUnitTests {

    private final MemoryStore store = new MemoryStore();
    private final MemoryStore remote = new MemoryStore();
    private final BackupTarget local = new BackupTarget(store, "backups", "meshes/", false);
    private final BackupTarget second = new BackupTarget(remote, "offsite", "meshes/", true);

    private void mesh(String id) {
        store.put("meshes", ObjectWrite.of(id + "/model.glb", ("glTF " + id).getBytes(StandardCharsets.UTF_8),
                "model/gltf-binary"));
        store.put("meshes", ObjectWrite.of(id + "/meta.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json"));
    }

    @Test
    void aCopyIsVerifiedOnceAndLeftAloneWhenItAlreadyMatches() {
        mesh("m1");
        var copier = new VerifiedCopier(store, local);

        var first = copier.copy("meshes", "m1/model.glb");
        var again = copier.copy("meshes", "m1/model.glb");

        assertThat(first.skipped()).isFalse();
        assertThat(first.checksum()).startsWith("md5:");
        assertThat(again.skipped()).isTrue();
        assertThat(store.get("backups", "meshes/m1/model.glb").orElseThrow().bytes())
                .isEqualTo(store.get("meshes", "m1/model.glb").orElseThrow().bytes());
    }

    @Test
    void aDamagedCopyIsReplacedAndAMissingSourceCannotSucceed() {
        mesh("m2");
        var copier = new VerifiedCopier(store, second);
        copier.copy("meshes", "m2/model.glb");
        remote.corrupt("offsite", "meshes/m2/model.glb", "damaged".getBytes(StandardCharsets.UTF_8));

        assertThat(copier.copy("meshes", "m2/model.glb").skipped()).isFalse();
        assertThat(remote.get("offsite", "meshes/m2/model.glb").orElseThrow().bytes())
                .isEqualTo(store.get("meshes", "m2/model.glb").orElseThrow().bytes());
        assertThat(store.keys("backups")).isEmpty();
        assertThatThrownBy(() -> copier.copy("meshes", "gone/model.glb"))
                .isInstanceOf(VerifiedCopier.MissingSourceException.class);
    }

    @Test
    void aRestoreBringsBackWhatTheManifestListsAndReportsADamagedCopy() {
        mesh("m3");
        var copier = new VerifiedCopier(store, local);
        var model = copier.copy("meshes", "m3/model.glb");
        var meta = copier.copy("meshes", "m3/meta.json");
        store.put("backups", ObjectWrite.of("manifests/1.tsv", Manifest.write(List.of(
                new Manifest.Entry(model.key(), model.size(), model.checksum(), "", ""),
                new Manifest.Entry(meta.key(), meta.size(), meta.checksum(), "", ""))), Manifest.MEDIA_TYPE));
        store.corrupt("backups", "meshes/m3/meta.json", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        var restorer = new Restorer(store, local, "manifests/");

        var result = restorer.restore(restorer.newestManifest(), "restored", true);

        assertThat(result.restored()).isEqualTo(1);
        assertThat(result.failed()).extracting(Restorer.Failure::key).containsExactly("m3/meta.json");
        assertThat(store.keys("restored")).containsExactly("m3/model.glb");
        assertThat(restorer.restore("manifests/1.tsv", "restored", true).skipped()).isEqualTo(1);
        assertThatThrownBy(() -> restorer.restore("manifests/none.tsv", "restored", true))
                .isInstanceOf(Restorer.NoManifestException.class);
    }

    @Test
    void theControllerRepliesBackupCompletedForAMeshAndBackupFailedWhenItsObjectsAreGone() throws Exception {
        mesh("m4");
        var copier = new VerifiedCopier(store, local);
        BackupProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("orfeas.events.backup", BackupProperties.class);
        var controller = new BackupController(new MeshBackup(copier),
                new FullBackup(store, "meshes", copier, properties, Clock.systemUTC(), new SimpleMeterRegistry()));

        CloudEvent completed = reply(controller.backup(post(generated("m4"))));
        CloudEvent failed = reply(controller.backup(post(generated("m5"))));

        assertThat(completed.getType()).isEqualTo(EventTypes.BACKUP_COMPLETED);
        assertThat(completed.getId()).isEqualTo(BackupController.replyId("req-m4", EventTypes.BACKUP_COMPLETED));
        MeshBackedUp data = EventData.read(completed, MeshBackedUp.class).orElseThrow();
        assertThat(data.objects()).extracting(MeshBackedUp.Copy::key).containsExactly("m4/model.glb", "m4/meta.json");
        assertThat(data.copied()).isEqualTo(2);
        assertThat(failed.getType()).isEqualTo(EventTypes.BACKUP_FAILED);
        assertThat(EventData.read(failed, BackupFailed.class).orElseThrow().meshId()).isEqualTo("m5");
    }

    private static CloudEvent generated(String id) {
        var data = new MeshGenerated(id, "meshes", id + "/model.glb", id + "/meta.json", "glb",
                List.of(id + "/model.glb"), new ObjectRef("uploads", "cat.png"), false);
        return CloudEventBuilder.v1().withId("req-" + id).withType(EventTypes.MESH_GENERATED)
                .withSource(URI.create("/orfeas/generate")).withSubject(id)
                .withData(EventData.JSON, EventData.write(data)).build();
    }

    private static MockHttpServletRequest post(CloudEvent event) {
        var encoded = CloudEventCodec.write(event, false);
        var request = new MockHttpServletRequest("POST", "/backup");
        encoded.headers().forEach(request::addHeader);
        request.setContentType(encoded.headers().getOrDefault("content-type", "application/json"));
        request.setContent(encoded.body());
        return request;
    }

    private static CloudEvent reply(ResponseEntity<byte[]> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return CloudEventCodec.read(response.getHeaders().toSingleValueMap(), response.getBody());
    }
}
