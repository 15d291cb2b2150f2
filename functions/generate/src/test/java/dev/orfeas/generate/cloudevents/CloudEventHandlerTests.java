package dev.orfeas.generate.cloudevents;

import dev.orfeas.cloudevents.EventData;
import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.cloudevents.MeshFailed;
import dev.orfeas.cloudevents.MeshGenerated;
import dev.orfeas.cloudevents.ObjectEvent;
import dev.orfeas.cloudevents.ObjectRef;
import dev.orfeas.generate.TestImages;
import dev.orfeas.generate.generation.ConcurrencyLimiter;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.generation.TestEngines;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.storage.MemoryStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.web.ProblemException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CloudEvent adapter with {@code new}: event in, reply event out, over an in-memory store. */
class CloudEventHandlerTests {

    private final MemoryStore store = new MemoryStore();
    private CloudEventHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        var registry = new SimpleMeterRegistry();
        var meshes = new MeshService(TestEngines.ready(), store, JsonMapper.builder().build(), registry,
                Clock.systemUTC());
        handler = new CloudEventHandler(new GenerateFunction(meshes), new ConcurrencyLimiter(2, registry), store);
        store.put("uploads", ObjectWrite.of("in/cat.png", TestImages.discPng(64, 20), "image/png"));
        store.put("uploads", ObjectWrite.of("in/blank.png", TestImages.uniformPng(48), "image/png"));
    }

    private static CloudEvent created(String bucket, String key) {
        return CloudEventBuilder.v1().withId("req-1").withSource(URI.create("/test"))
                .withType(EventTypes.OBJECT_CREATED)
                .withData(EventData.JSON, EventData.write(ObjectEvent.of(bucket, key))).build();
    }

    @Test
    void anUploadBecomesAMeshGeneratedReplyNamingItsStoredFiles() {
        CloudEvent reply = handler.handle(created("uploads", "in/cat.png"));

        assertThat(reply.getType()).isEqualTo(EventTypes.MESH_GENERATED);
        assertThat(reply.getId()).isNotEqualTo("req-1");
        assertThat(reply.getExtension("causationid")).isEqualTo("req-1");
        MeshGenerated data = EventData.read(reply, MeshGenerated.class).orElseThrow();
        assertThat(reply.getSubject()).isEqualTo(data.id());
        assertThat(data.metaKey()).isEqualTo(MeshLayout.meta(data.id()));
        assertThat(data.source()).isEqualTo(new ObjectRef("uploads", "in/cat.png"));
        assertThat(data.files()).first().isEqualTo(data.key());
        assertThat(store.exists("meshes", data.metaKey())).isTrue();
    }

    @Test
    void aMissingObjectOrABadImageRepliesMeshFailed() {
        CloudEvent missing = handler.handle(created("uploads", "in/gone.png"));
        CloudEvent blank = handler.handle(created("uploads", "in/blank.png"));

        assertThat(missing.getType()).isEqualTo(EventTypes.MESH_FAILED);
        assertThat(EventData.read(missing, MeshFailed.class).orElseThrow().reason()).isEqualTo("not-found");
        assertThat(blank.getType()).isEqualTo(EventTypes.MESH_FAILED);
        assertThat(blank.getSubject()).isEqualTo("in/blank.png");
        assertThat(EventData.read(blank, MeshFailed.class).orElseThrow().reason()).isEqualTo("no-foreground");
    }

    @Test
    void anotherBucketOrTypeOrAnUnknownForegroundIsRefused() {
        assertThatThrownBy(() -> handler.handle(created("meshes", "a/meta.json")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(Problems.BAD_EVENT));
        CloudEvent other = CloudEventBuilder.v1(created("uploads", "in/cat.png")).withType("x.y").build();
        assertThatThrownBy(() -> handler.handle(other)).isInstanceOf(ProblemException.class);
        CloudEvent sideways = CloudEventBuilder.v1(created("uploads", "in/cat.png"))
                .withExtension(CloudEventHandler.FOREGROUND_EXTENSION, "sideways").build();
        assertThatThrownBy(() -> handler.handle(sideways)).isInstanceOf(IllegalArgumentException.class);
    }
}
