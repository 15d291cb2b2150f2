package dev.orfeas.events.backup;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/backup.sh and scripts/restore.sh with awscli against S3Proxy on loopback (awscli comes from Debian, installed
 * by scripts/test.sh): backup → delete the originals → restore is byte-identical; a half-done backup rerun completes; a
 * corrupted backup object is detected at restore.
 */
class BackupScriptsIntegrationTests {

    static Path scripts;
    static S3Client s3;

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(onPath("aws")).as("awscli is needed (scripts/test.sh installs Debian's awscli)").isTrue();
        scripts = findScripts();
        LocalS3Server server = LocalS3Server.shared();
        // the HTTP client the app uses (Apache 4)
        s3 = S3Client.builder().httpClient(ApacheHttpClient.builder().build()).endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    @Test
    void backupDeleteRestoreIsByteIdenticalAndAHalfDoneBackupRerunCompletes() throws Exception {
        String src = bucket("scr-src");
        String bak = bucket("scr-bak");
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (String key : List.of("m1/model.glb", "m1/meta.json", "m2/my cat.glb", "m3/γάτα+1.glb",
                "m4/100%25 done%.glb")) {
            objects.put(key, ("content of " + key).repeat(50).getBytes(StandardCharsets.UTF_8));
            put(src, key, objects.get(key));
        }
        // a crash mid-backup left one copy and one truncated copy behind
        put(bak, "meshes/m1/model.glb", objects.get("m1/model.glb"));
        put(bak, "meshes/m2/my cat.glb", "trunc".getBytes(StandardCharsets.UTF_8));

        var backup = run("backup.sh", Map.of("SOURCE_BUCKET", src, "BACKUP_BUCKET", bak));
        objects.keySet().forEach(key -> s3.deleteObject(b -> b.bucket(src).key(key)));
        var restore = run("restore.sh", Map.of("TARGET_BUCKET", src, "BACKUP_BUCKET", bak));

        assertThat(backup.exit()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("verified 5 object(s)");
        String manifest = new String(get(bak, backup.stdout().strip()), StandardCharsets.UTF_8);
        assertThat(manifest.lines()).hasSize(5).allSatisfy(line -> assertThat(line.split("\t")).hasSize(5));
        // one manifest format for the scripts and the app: the app's parser reads the script's manifest
        assertThat(Manifest.parse(manifest.getBytes(StandardCharsets.UTF_8))).extracting(Manifest.Entry::key)
                .containsExactlyInAnyOrderElementsOf(objects.keySet());
        assertThat(restore.exit()).as(restore.output()).isZero();
        objects.forEach((key, bytes) -> assertThat(get(src, key)).as(key).isEqualTo(bytes));
        assertThat(get(bak, "meshes/m2/my cat.glb")).isEqualTo(objects.get("m2/my cat.glb"));
    }

    @Test
    void aCorruptedBackupObjectIsDetectedAtRestoreAndNotRestored() throws Exception {
        String src = bucket("scr-src2");
        String bak = bucket("scr-bak2");
        put(src, "a/model.glb", "aaaa".repeat(100).getBytes(StandardCharsets.UTF_8));
        put(src, "b/model.glb", "bbbb".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThat(run("backup.sh", Map.of("SOURCE_BUCKET", src, "BACKUP_BUCKET", bak)).exit()).isZero();
        put(bak, "meshes/a/model.glb", "xxxx".repeat(100).getBytes(StandardCharsets.UTF_8)); // same size, other bytes
        s3.deleteObject(b -> b.bucket(src).key("a/model.glb"));
        s3.deleteObject(b -> b.bucket(src).key("b/model.glb"));

        var restore = run("restore.sh", Map.of("TARGET_BUCKET", src, "BACKUP_BUCKET", bak));

        assertThat(restore.exit()).isEqualTo(1);
        assertThat(restore.output()).contains("failed: a/model.glb").doesNotContain("failed: b/model.glb");
        assertThat(s3.listObjectsV2(b -> b.bucket(src)).contents()).extracting(o -> o.key())
                .containsExactly("b/model.glb");
    }

    record Result(int exit, String stdout, String output) {
    }

    private static Result run(String script, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("script-", ".out");
        Path err = Files.createTempFile("script-", ".err");
        ProcessBuilder pb = new ProcessBuilder("bash", scripts.resolve(script).toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("S3_ENDPOINT", LocalS3Server.shared().endpoint().toString());
        pb.environment().put("AWS_ACCESS_KEY_ID", LocalS3Server.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", LocalS3Server.SECRET_KEY);
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = pb.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " timed out");
        }
        String stdout = Files.readString(out);
        return new Result(process.exitValue(), stdout, stdout + Files.readString(err));
    }

    private static String bucket(String prefix) {
        String name = prefix + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static void put(String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("bash", "-c", "command -v " + command + " && " + command + " --version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    private static Path findScripts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/backup.sh"))) {
                return dir.resolve("scripts");
            }
        }
        throw new IllegalStateException("scripts/backup.sh not found");
    }
}
