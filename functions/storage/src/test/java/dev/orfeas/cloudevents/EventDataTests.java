package dev.orfeas.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventDataTests {

    private static <T> T roundTrip(T payload, String type) {
        CloudEvent event = CloudEventBuilder.v1().withId("1").withSource(URI.create("/test")).withType(type)
                .withData(EventData.JSON, EventData.write(payload)).build();
        var encoded = CloudEventCodec.write(event, false);
        @SuppressWarnings("unchecked")
        Class<T> kind = (Class<T>) payload.getClass();
        return EventData.read(CloudEventCodec.read(encoded.headers(), encoded.body()), kind).orElseThrow();
    }

    @Test
    void objectCreatedAndRemovedRoundTripAndLeaveUnknownFieldsOut() {
        var created = new ObjectEvent("uploads", "γάτα.png", 42L, "abc", "image/png", null, "17", "s3:ObjectCreated:Put");
        assertThat(roundTrip(created, EventTypes.OBJECT_CREATED)).isEqualTo(created);
        var removed = ObjectEvent.of("uploads", "cat.png");
        assertThat(roundTrip(removed, EventTypes.OBJECT_REMOVED)).isEqualTo(removed);
        assertThat(new String(EventData.write(removed), StandardCharsets.UTF_8))
                .isEqualTo("{\"bucket\":\"uploads\",\"key\":\"cat.png\"}");
    }

    @Test
    void meshGeneratedAndFailedRoundTrip() {
        var generated = new MeshGenerated("ab12", "meshes", "ab12/model.glb", "ab12/meta.json", "glb",
                List.of("ab12/model.glb", "ab12/source.png"), new ObjectRef("uploads", "cat.png"), true);
        assertThat(roundTrip(generated, EventTypes.MESH_GENERATED)).isEqualTo(generated);
        var failed = new MeshFailed(new ObjectRef("uploads", "blank.png"), "NoForeground", "nothing to model");
        assertThat(roundTrip(failed, EventTypes.MESH_FAILED)).isEqualTo(failed);
    }

    @Test
    void backupPayloadsRoundTrip() {
        var mesh = new MeshBackedUp("ab12", "meshes", "backups", List.of(
                new MeshBackedUp.Copy("ab12/model.glb", "meshes/ab12/model.glb", 10, "md5:00", false)), 1, 0);
        assertThat(roundTrip(mesh, EventTypes.BACKUP_COMPLETED)).isEqualTo(mesh);
        var full = new FullBackupCompleted("manifests/1.tsv", "backups", 3, 2, 1, 30, 20, 5, List.of("manifests/0.tsv"));
        assertThat(roundTrip(full, EventTypes.BACKUP_COMPLETED)).isEqualTo(full);
        var failed = new BackupFailed(null, "source gone");
        assertThat(roundTrip(failed, EventTypes.BACKUP_FAILED)).isEqualTo(failed);
        assertThat(new String(EventData.write(failed), StandardCharsets.UTF_8)).isEqualTo("{\"detail\":\"source gone\"}");
    }

    @Test
    void missingFieldsReadAsNullOrFalse() {
        var partial = EventData.read("{\"id\":\"m\",\"bucket\":\"meshes\",\"files\":[\"m/model.glb\"]}"
                .getBytes(StandardCharsets.UTF_8), MeshGenerated.class);
        assertThat(partial.id()).isEqualTo("m");
        assertThat(partial.files()).containsExactly("m/model.glb");
        assertThat(partial.cached()).isFalse();
        assertThat(partial.metaKey()).isNull();
    }

    @Test
    void dataThatIsNotThePayloadReadsAsEmpty() {
        CloudEvent event = CloudEventBuilder.v1().withId("1").withSource(URI.create("/t")).withType("t")
                .withData("text/plain", "not json".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(EventData.read(event, MeshGenerated.class)).isEmpty();
    }

    @Test
    void objectEventParsesTheOrfeasFormAndAnS3Notification() {
        assertThat(ObjectEvent.parse("{\"bucket\":\"uploads\",\"key\":\"a/b.png\",\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8)).ref()).isEqualTo(new ObjectRef("uploads", "a/b.png"));
        String s3 = """
                {"Records":[{"eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"uploads"},
                 "object":{"key":"my+cat%20%CE%B3.png","size":7,"eTag":"\\"e1\\""}}}]}""";
        ObjectEvent parsed = ObjectEvent.parse(s3.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.ref()).isEqualTo(new ObjectRef("uploads", "my cat γ.png"));
        assertThat(parsed.etag()).isEqualTo("e1");
        assertThat(parsed.size()).isEqualTo(7L);
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectEvent.parse("{}".getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("names no object");
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectEvent.parse("{".getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("not JSON");
    }

    @Test
    void sha256HexIsTheDigestsPrefix() {
        assertThat(Sha256.hex("abc", 32))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("abc", 8)).isEqualTo("ba7816bf8f01cfea");
    }
}
