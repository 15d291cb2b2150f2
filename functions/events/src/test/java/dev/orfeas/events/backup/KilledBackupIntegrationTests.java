package dev.orfeas.events.backup;

import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.events.support.EventsProcess;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events app as a real process, killed with SIGKILL in the middle of a scheduled backup, then started again and
 * ticked again: the rerun finishes the job exactly (every object once, no manifest from the dead run, one after).
 */
class KilledBackupIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String MESHES = "killed-meshes-" + RUN;
    static final String BACKUPS = "killed-backups-" + RUN;
    static final int OBJECTS = 600;

    EventsProcess app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.kill();
        }
    }

    @Test
    void aBackupKilledMidwayIsFinishedExactlyByTheNextTick() throws Exception {
        LocalS3Server s3 = LocalS3Server.shared();
        try (TestStore fixture = s3.openStore(MESHES, BACKUPS)) {
            ObjectStore store = fixture.store();
            for (int i = 0; i < OBJECTS; i++) {
                store.put(MESHES, ObjectWrite.of(String.format("mesh-%04d/model.glb", i),
                        ScheduledBackupIntegrationTests.randomBytes(8192 + i, i), "model/gltf-binary"));
            }

            Path log = Files.createTempFile("orfeas-events-killed-", ".log");
            app = start(log).awaitReady(Duration.ofSeconds(90));
            var tick = new BackupCalls(app.base()).pingAsync("first-" + RUN);
            app.awaitObjects(store, BACKUPS, "meshes/", 40);
            app.kill();
            tick.exceptionally(e -> null).join(); // the connection died with the process
            Thread.sleep(500); // copies the server was still doing for the dead client settle
            int copiedBeforeKill = store.listAll(BACKUPS, "meshes/").size();

            assertThat(copiedBeforeKill).as("killed midway").isBetween(1, OBJECTS - 1);
            assertThat(store.listAll(BACKUPS, "manifests/")).as("no manifest from the dead run").isEmpty();

            app = start(log).awaitReady(Duration.ofSeconds(90));
            var rerun = BackupCalls.reply(new BackupCalls(app.base()).ping("second-" + RUN));
            JsonNode data = JSON.readTree(rerun.getData().toBytes());

            assertThat(data.get("objects").asInt()).isEqualTo(OBJECTS);
            assertThat(data.get("skipped").asInt()).isEqualTo(copiedBeforeKill);
            assertThat(data.get("copied").asInt()).isEqualTo(OBJECTS - copiedBeforeKill);
            Map<String, ObjectInfo> sources = store.listAll(MESHES, "").stream()
                    .collect(Collectors.toMap(ObjectInfo::key, Function.identity()));
            List<ObjectInfo> copies = store.listAll(BACKUPS, "meshes/");
            assertThat(copies).hasSize(OBJECTS);
            for (ObjectInfo copy : copies) {
                ObjectInfo source = sources.get(copy.key().substring("meshes/".length()));
                assertThat(source).as(copy.key()).isNotNull();
                assertThat(copy.size()).isEqualTo(source.size());
                assertThat(copy.etag()).isEqualTo(source.etag());
            }
            List<ObjectInfo> manifests = store.listAll(BACKUPS, "manifests/");
            assertThat(manifests).hasSize(1);
            var entries = Manifest.parse(store.get(BACKUPS, manifests.getFirst().key()).orElseThrow().bytes());
            assertThat(entries).hasSize(OBJECTS);
            assertThat(new HashSet<>(entries.stream().map(Manifest.Entry::key).toList())).isEqualTo(sources.keySet());
        }
    }

    private static EventsProcess start(Path log) throws IOException {
        // one copy at a time, so the kill lands in the middle
        return EventsProcess.start(LocalS3Server.shared(), List.of("--orfeas.storage.buckets.meshes=" + MESHES,
                "--orfeas.storage.buckets.backups=" + BACKUPS, "--orfeas.events.backup.parallelism=1"), Map.of(), log);
    }
}
