package dev.orfeas.generate.generation;

import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Stage;
import dev.orfeas.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheLookupTests {

    private static final MeshMeta STORED = new MeshMeta("0123456789abcdef", Instant.EPOCH, null, null, List.of(),
            null);

    private final List<Stage> shown = new CopyOnWriteArrayList<>();
    private final ProgressListener downstream = (stage, millis) -> shown.add(stage);

    @Test
    void progressIsHeldBackUntilTheLookupMissesThenPassedOnInOrder() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CacheLookup lookup = new CacheLookup(() -> {
            await(answer);
            return Optional.empty();
        }, downstream);

        lookup.stageDone(Stage.DECODE, 1);
        lookup.stageDone(Stage.FOREGROUND, 1);
        assertThat(shown).isEmpty();
        answer.countDown();

        assertThat(lookup.await()).isEmpty();
        assertThat(shown).containsExactly(Stage.DECODE, Stage.FOREGROUND);
        lookup.stageDone(Stage.FIELD, 1);
        assertThat(shown).containsExactly(Stage.DECODE, Stage.FOREGROUND, Stage.FIELD);
        assertThat(lookup.millis()).isNotNaN();
    }

    @Test
    void aHitStopsTheGenerationAtTheNextStageAndShowsNoProgress() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CacheLookup lookup = new CacheLookup(() -> {
            await(answer);
            return Optional.of(STORED);
        }, downstream);
        lookup.stageDone(Stage.DECODE, 1);
        answer.countDown();
        assertThat(lookup.await()).contains(STORED);

        assertThatThrownBy(() -> lookup.stageDone(Stage.FOREGROUND, 1)).isInstanceOf(CacheLookup.Hit.class)
                .satisfies(e -> assertThat(((CacheLookup.Hit) e).meta()).isSameAs(STORED));
        assertThat(shown).isEmpty();
    }

    @Test
    void aFailedLookupIsRethrownAsItsOwnException() {
        CacheLookup lookup = new CacheLookup(() -> {
            throw new StorageUnavailableException("store down", null);
        }, downstream);

        assertThatThrownBy(lookup::await).isInstanceOf(StorageUnavailableException.class).hasMessage("store down");
        assertThat(shown).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
