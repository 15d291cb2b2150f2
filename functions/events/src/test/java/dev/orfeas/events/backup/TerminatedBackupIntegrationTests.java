package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.events.support.EventsProcess;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.TestStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (a Knative scale-down) while a scheduled backup runs: the app stops taking work, finishes the backup in
 * the grace period, answers it, and exits 0 — the broker sees a completed delivery, not a dropped one.
 */
class TerminatedBackupIntegrationTests {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String MESHES = "term-meshes-" + RUN;
    static final String BACKUPS = "term-backups-" + RUN;
    static final int OBJECTS = 150;

    @Test
    void sigtermMidBackupFinishesTheBackupAndExitsZero() throws Exception {
        LocalS3Server s3 = LocalS3Server.shared();
        try (TestStore fixture = s3.openStore(MESHES, BACKUPS)) {
            ObjectStore store = fixture.store();
            for (int i = 0; i < OBJECTS; i++) {
                store.put(MESHES, ObjectWrite.of("mesh-" + i + "/model.glb",
                        ScheduledBackupIntegrationTests.randomBytes(4096 + i, i), "model/gltf-binary"));
            }
            EventsProcess app = EventsProcess.start(s3, List.of("--orfeas.storage.buckets.meshes=" + MESHES,
                            "--orfeas.storage.buckets.backups=" + BACKUPS, "--orfeas.events.backup.parallelism=1"),
                    Map.of(), Files.createTempFile("orfeas-events-term-", ".log"));
            try {
                app.awaitReady(Duration.ofSeconds(90));
                var tick = new BackupCalls(app.base()).pingAsync("term-" + RUN);
                app.awaitObjects(store, BACKUPS, "meshes/", 10);

                int exit = app.terminate(Duration.ofSeconds(60));
                var reply = BackupCalls.reply(tick.join());

                assertThat(exit).as(app.log()).isZero();
                assertThat(reply.getType()).isEqualTo(EventTypes.BACKUP_COMPLETED);
                assertThat(JsonMapper.builder().build().readTree(reply.getData().toBytes()).get("objects").asInt())
                        .isEqualTo(OBJECTS);
                assertThat(store.listAll(BACKUPS, "meshes/")).hasSize(OBJECTS);
                assertThat(store.listAll(BACKUPS, "manifests/")).hasSize(1);
            } finally {
                app.kill();
            }
        }
    }
}
