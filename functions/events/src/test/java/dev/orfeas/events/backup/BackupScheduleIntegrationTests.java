package dev.orfeas.events.backup;

import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code orfeas.events.backup.schedule}: the app runs full backups itself (no PingSource), here every second. The
 * context is closed after the class, so its timer does not keep running under the other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BackupScheduleIntegrationTests {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String MESHES = "cron-meshes-" + RUN;
    static final String BACKUPS = "cron-backups-" + RUN;

    @Autowired
    ObjectStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("orfeas.storage.buckets.meshes", () -> MESHES);
        registry.add("orfeas.storage.buckets.backups", () -> BACKUPS);
        registry.add("orfeas.events.backup.schedule", () -> "* * * * * *");
    }

    @Test
    void theScheduleBacksUpWithoutAnyRequest() throws Exception {
        for (int i = 0; i < 3; i++) {
            store.put(MESHES, ObjectWrite.of("cron-" + i + "/model.glb",
                    ScheduledBackupIntegrationTests.randomBytes(2048, i), "model/gltf-binary"));
        }

        List<ObjectInfo> manifests = List.of();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            manifests = store.listAll(BACKUPS, "manifests/");
            if (!manifests.isEmpty() && store.listAll(BACKUPS, "meshes/").size() == 3) {
                break;
            }
            Thread.sleep(200);
        }

        assertThat(manifests).isNotEmpty();
        assertThat(store.listAll(BACKUPS, "meshes/")).extracting(ObjectInfo::key)
                .containsExactlyInAnyOrder("meshes/cron-0/model.glb", "meshes/cron-1/model.glb",
                        "meshes/cron-2/model.glb");
    }

    @Test
    void aScheduleThatIsNoCronExpressionIsRefused() {
        var properties = new BackupProperties("meshes/", "manifests/", 30, 8, "every night", null, null);
        var off = new BackupProperties("meshes/", "manifests/", 30, 8, "", null, null);
        var nightly = new BackupProperties("meshes/", "manifests/", 30, 8, "0 0 3 * * *", null, null);

        assertThat(properties.isScheduleValid()).isFalse();
        assertThat(off.isScheduleValid()).isTrue();
        assertThat(off.scheduled()).isFalse();
        assertThat(nightly.isScheduleValid()).isTrue();
    }
}
