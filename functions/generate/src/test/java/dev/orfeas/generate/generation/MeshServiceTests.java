package dev.orfeas.generate.generation;

import dev.orfeas.generate.TestImages;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.ImageRejectedException;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.Stage;
import dev.orfeas.storage.MemoryStore;
import dev.orfeas.storage.StorageUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GenerateFunction → MeshService → MeshWriter with {@code new}: a real engine, an in-memory store. */
class MeshServiceTests {

    private final MemoryStore store = new MemoryStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MeshService meshes;
    private GenerateFunction generate;

    @BeforeEach
    void setUp() throws Exception {
        meshes = new MeshService(TestEngines.ready(), store, JsonMapper.builder().build(), registry, Clock.systemUTC());
        generate = new GenerateFunction(meshes);
    }

    private static GenerationRequest request(byte[] image, int faces) {
        return new GenerationRequest(image, new GenerationOptions(MeshFormat.GLB, Quality.DRAFT, faces, 0.0),
                "cat.png", "image/png", "uploads/cat.png");
    }

    @Test
    void anImageIdentifiedBeforehandGivesTheSameMeshAndAMismatchedOneIsRefused() throws Exception {
        byte[] image = TestImages.discPng(64, 9);
        GenerationRequest plain = request(image, 0);
        var identified = TestEngines.ready().identify(image, plain.options());

        var outcome = generate.apply(GenerationRequest.of(identified, "cat.png", "image/png", null));

        assertThat(outcome.meta().id()).isEqualTo(identified.meshId());
        assertThat(generate.apply(plain).meta().id()).isEqualTo(identified.meshId()); // same id, so a cache hit
        assertThatThrownBy(() -> new GenerationRequest(TestImages.discPng(64, 10), plain.options(), null, null, null,
                null, identified, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLookupStartedByTheCallerIsTakenInsteadOfAskingTheStoreAgain() throws Exception {
        var first = generate.apply(request(TestImages.discPng(64, 11), 0)).meta();
        byte[] image = TestImages.discPng(64, 12);
        var identified = TestEngines.ready().identify(image, request(image, 0).options());

        // the caller's lookup says "stored": taken as the answer although the store has no mesh for this image
        var claimedStored = generate.apply(GenerationRequest.of(identified, "cat.png", "image/png", null)
                .withLookup(CompletableFuture.completedFuture(Optional.of(first))));
        // the caller's lookup says "not stored": generated and stored under the image's own id
        var generated = generate.apply(GenerationRequest.of(identified, "cat.png", "image/png", null)
                .withLookup(CompletableFuture.supplyAsync(Optional::empty)));

        assertThat(claimedStored.cached()).isTrue();
        assertThat(claimedStored.meta().id()).isEqualTo(first.id());
        assertThat(generated.cached()).isFalse();
        assertThat(generated.meta().id()).isEqualTo(identified.meshId());
        assertThatThrownBy(() -> request(image, 0).withLookup(CompletableFuture.completedFuture(Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class); // a lookup needs the identified image it is for
    }

    @Test
    void aNewMeshIsStoredFileByFileAndPublishedByItsMetaJson() {
        List<Stage> stages = new ArrayList<>();
        var outcome = generate.apply(request(TestImages.discPng(64, 8), 0)
                .withProgress((stage, millis) -> stages.add(stage)));

        String id = outcome.meta().id();
        assertThat(outcome.cached()).isFalse();
        assertThat(outcome.modelBytes()).isNotEmpty();
        assertThat(stages).isNotEmpty();
        assertThat(store.keys("meshes")).contains(MeshLayout.meta(id), MeshLayout.model(id, "glb"),
                MeshLayout.source(id, "png"));
        assertThat(store.keys("meshes")).anyMatch(k -> k.startsWith(MeshLayout.RECENT_PREFIX) && k.endsWith(id));
        MeshMeta meta = meshes.find(id).orElseThrow();
        assertThat(meta.source().origin()).isEqualTo("uploads/cat.png");
        assertThat(meta.source().name()).isEqualTo("cat.png");
        assertThat(meta.primary().key()).isEqualTo(MeshLayout.model(id, "glb"));
        assertThat(store.get("meshes", MeshLayout.model(id, "glb")).orElseThrow().bytes())
                .isEqualTo(outcome.modelBytes());
        assertThat(meshes.published(List.of(id, "0000000000000000"))).containsExactly(id);
    }

    @Test
    void theStoredReportIsTheEnginesReportAsJson() throws Exception {
        byte[] image = TestImages.discPng(64, 24);
        var request = request(image, 0);
        var outcome = generate.apply(request);
        String engineJson = TestEngines.ready().generate(image, request.options(), ProgressListener.NONE).report()
                .toJson();

        var stored = (ObjectNode) meshes.find(outcome.meta().id()).orElseThrow().report().deepCopy();
        var engine = (ObjectNode) JsonMapper.builder().build().readTree(engineJson);
        assertThat(stored.remove("timingsMs").propertyNames()).isEqualTo(engine.remove("timingsMs").propertyNames());
        assertThat(stored).isEqualTo(engine);
    }

    @Test
    void theSameImageAndOptionsAreAnsweredFromStorage() {
        byte[] image = TestImages.discPng(64, 12);
        var first = generate.apply(request(image, 0));
        var again = generate.apply(request(image, 0));

        assertThat(again.cached()).isTrue();
        assertThat(again.meta().id()).isEqualTo(first.meta().id());
        assertThat(again.modelBytes()).isNull();
        assertThat(meshes.readModel(again.meta())).isEqualTo(first.modelBytes());
        assertThat(registry.counter("orfeas.generation.cache.hits").count()).isEqualTo(1.0);
    }

    @Test
    void aFailedWriteRemovesWhatWasWrittenAndPublishesNothing() {
        store.failPuts(key -> key.endsWith("/meta.json"));

        assertThatThrownBy(() -> generate.apply(request(TestImages.discPng(64, 16), 0)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(store.keys("meshes")).isEmpty();
    }

    @Test
    void anImageWithoutAnObjectIsRejectedAndNothingIsStored() {
        assertThatThrownBy(() -> generate.apply(request(TestImages.uniformPng(48), 0)))
                .isInstanceOf(ImageRejectedException.class);
        assertThat(store.keys("meshes")).isEmpty();
    }

    @Test
    void baseNameIsTheFileStemOrModel() {
        assertThat(GenerationRequest.baseName("dir/cat.png")).isEqualTo("cat");
        assertThat(GenerationRequest.baseName("C:\\photos\\my cat.jpeg")).isEqualTo("my cat");
        assertThat(GenerationRequest.baseName(null)).isEqualTo("model");
        assertThat(GenerationRequest.baseName("  ")).isEqualTo("model");
    }
}
