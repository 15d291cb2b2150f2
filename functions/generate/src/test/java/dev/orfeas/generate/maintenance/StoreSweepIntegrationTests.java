package dev.orfeas.generate.maintenance;

import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.TestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep against a real S3Proxy: what a writer killed mid-write leaves, and what a live write must keep. */
class StoreSweepIntegrationTests {

    static final String MESHES = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
    static TestStore store;

    @BeforeAll
    static void open() {
        store = LocalS3Server.shared().openStore(MESHES, "sweep-backups");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void abortsStaleUploadsAndRemovesUnpublishedFoldersWithTheirMarkersButKeepsPublishedOnes() {
        String orphan = "a".repeat(32);
        String published = "b".repeat(32);
        put(MeshLayout.model(orphan, "glb"));
        put(MeshLayout.source(orphan, "png"));
        put(MeshLayout.recent(orphan, 1_000));
        put(MeshLayout.model(published, "glb"));
        put(MeshLayout.meta(published));
        put(MeshLayout.recent(published, 2_000));
        String uploadId = store.client().createMultipartUpload(b -> b.bucket(MESHES).key(orphan + "/big.ply"))
                .uploadId();
        MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofMinutes(5)));
        StoreSweep later = new StoreSweep(store.store(), Duration.ofMinutes(1), clock);

        StoreSweep.Result first = later.sweep();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        StoreSweep.Result result = later.sweep();

        assertThat(first.abortedUploads() + result.abortedUploads()).as("aborted, at the latest a grace period "
                + "after a sweep first saw it (S3Proxy dates uploads 'now')").isEqualTo(1);
        assertThat(first.orphanMeshes() + result.orphanMeshes()).isEqualTo(1);
        assertThat(store.store().pendingUploads(MESHES)).extracting(u -> u.uploadId()).doesNotContain(uploadId);
        assertThat(store.store().listAll(MESHES, "").stream().map(o -> o.key()))
                .containsExactlyInAnyOrder(MeshLayout.model(published, "glb"), MeshLayout.meta(published),
                        MeshLayout.recent(published, 2_000));
        assertThat(later.sweep()).isEqualTo(new StoreSweep.Result(0, 0, 0));
    }

    @Test
    void aWriteYoungerThanTheGracePeriodIsLeftAlone() {
        String bucket = "young-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestStore young = LocalS3Server.shared().openStore(bucket, "sweep-backups")) {
            String writing = "c".repeat(32);
            young.store().put(bucket, ObjectWrite.of(MeshLayout.model(writing, "glb"), new byte[] {1},
                    "application/octet-stream"));
            young.client().createMultipartUpload(b -> b.bucket(bucket).key(writing + "/big.ply"));

            StoreSweep.Result result = new StoreSweep(young.store(), Duration.ofHours(1), Clock.systemUTC()).sweep();

            assertThat(result.orphanMeshes()).isZero();
            assertThat(result.abortedUploads()).isZero();
            assertThat(young.store().exists(bucket, MeshLayout.model(writing, "glb"))).isTrue();
        }
    }

    /** A clock a test moves forward. */
    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void put(String key) {
        store.store().put(MESHES, ObjectWrite.of(key, "x".getBytes(StandardCharsets.UTF_8), "application/octet-stream"));
    }
}
