package dev.orfeas.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, item 2: S3Proxy killed mid-write leaves its temp file ({@code <key>-<UUID>}, no xattrs) beside the
 * final name, and from then on ListObjects answers 500. infra/images/s3proxy/clean-leftovers.sh, which run.sh and
 * the s3proxy image run before S3Proxy starts, removes exactly those files: listing works again, objects stay.
 */
class S3ProxyLeftoversIntegrationTests {

    @Test
    void theCleanupScriptRemovesTempFilesThatBreakListingAndKeepsEveryObject() throws Exception {
        LocalS3Server server = LocalS3Server.startNew();
        try (TestStore test = server.openStore("leftover-meshes", "leftover-backups")) {
            ObjectStore store = test.store();
            store.put("leftover-meshes", ObjectWrite.of("a1/model.glb", "glb".getBytes(StandardCharsets.UTF_8),
                    "model/gltf-binary"));
            store.put("leftover-meshes", ObjectWrite.of("a1/id-" + UUID.randomUUID(), new byte[] {7},
                    "application/octet-stream"));
            Path leftover = server.dataDir().resolve("leftover-meshes/a1/meta.json-" + UUID.randomUUID());
            Files.writeString(leftover, "{\"half\":");
            assertThatThrownBy(() -> store.listAll("leftover-meshes", "")).as("what kill -9 did to listing")
                    .isInstanceOf(StorageUnavailableException.class);

            server.stop();
            Process clean = new ProcessBuilder("bash", script().toString(), server.dataDir().toString())
                    .redirectErrorStream(true).start();
            String out = new String(clean.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(clean.waitFor(30, TimeUnit.SECONDS)).isTrue();
            server.start();

            assertThat(clean.exitValue()).as(out).isZero();
            assertThat(out).contains("removed S3Proxy leftover: leftover-meshes/a1/meta.json-");
            assertThat(leftover).doesNotExist();
            assertThat(store.listAll("leftover-meshes", "")).extracting(ObjectInfo::key).hasSize(2)
                    .contains("a1/model.glb");
        } finally {
            server.stop();
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/images/s3proxy/clean-leftovers.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("infra/images/s3proxy/clean-leftovers.sh not found");
    }
}
