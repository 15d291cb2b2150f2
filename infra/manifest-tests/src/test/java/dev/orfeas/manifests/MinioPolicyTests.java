package dev.orfeas.manifests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** minio/: policies grant each function exactly its allow-list; lifecycle rules parse and do what they say. */
class MinioPolicyTests {

    private static List<Path> policies() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("minio/policies"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void thereIsOnePolicyPerFunctionAndEachGrantsExactlyItsAllowList() throws IOException {
        assertThat(policies()).extracting(p -> p.getFileName().toString().replace(".json", ""))
                .containsExactlyInAnyOrderElementsOf(PolicyChecks.ALLOWED.keySet());
        for (Path policy : policies()) {
            String function = policy.getFileName().toString().replace(".json", "");
            assertThat(PolicyChecks.problems(function, Yaml.json(Repo.read(policy)))).as(function).isEmpty();
        }
    }

    @Test
    void policiesNameOnlyTheAppsBuckets() {
        assertThat(PolicyChecks.defaultBuckets()).containsEntry("uploads", "uploads").containsEntry("meshes", "meshes")
                .containsEntry("backups", "backups").containsEntry("failed", "failed");
    }

    @Test
    void aWiderOrMalformedPolicyIsRejected() {
        var wide = Yaml.json("""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"All","Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::meshes/*"]},
                  {"Sid":"Other","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::secrets/*"]},
                  {"Sid":"Everything","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::*"},
                  {"Sid":"Except","Effect":"Allow","NotAction":["s3:DeleteBucket"],"Resource":["arn:aws:s3:::uploads"]},
                  {"Sid":"Deny","Effect":"Deny","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::uploads/*"]}
                ]}
                """);
        String problems = String.join("\n", PolicyChecks.problems("orfeas-generate", wide));
        assertThat(problems)
                .contains("action s3:* is a wildcard")
                .contains("bucket secrets is not one of the app's buckets")
                .contains("resource arn:aws:s3:::* is not one bucket")
                .contains("NotAction grants by exclusion")
                .contains("only Allow statements")
                .contains("lacks s3:PutObject arn:aws:s3:::meshes/*");
    }

    @Test
    void eventsMayNotWriteMeshesOrDeleteBackupCopiesUnlessRestoreIsAttached() {
        var policy = Yaml.json(Repo.read("minio/policies/orfeas-events.json"));
        var grants = PolicyChecks.grants(policy, new java.util.ArrayList<>());
        assertThat(grants).doesNotContain("s3:PutObject arn:aws:s3:::meshes/*", "s3:DeleteObject arn:aws:s3:::backups/*")
                .contains("s3:PutObject arn:aws:s3:::backups/*", "s3:DeleteObject arn:aws:s3:::backups/manifests/*");
        var restore = PolicyChecks.grants(Yaml.json(Repo.read("minio/policies/orfeas-events-restore.json")),
                new java.util.ArrayList<>());
        assertThat(restore).containsOnly("s3:PutObject arn:aws:s3:::meshes/*", "s3:DeleteObject arn:aws:s3:::meshes/*",
                "s3:AbortMultipartUpload arn:aws:s3:::meshes/*");
    }

    @Test
    void manifestRetentionDeletesOnlyUnderTheAppsManifestPrefix() {
        String source = Repo.read("functions/events/src/main/java/dev/orfeas/events/backup/BackupProperties.java");
        var m = java.util.regex.Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\)\\s*String\\s+manifestPrefix")
                .matcher(source);
        assertThat(m.find()).as("BackupProperties.manifestPrefix default").isTrue();
        assertThat(PolicyChecks.ALLOWED.get("orfeas-events"))
                .contains("s3:DeleteObject arn:aws:s3:::backups/" + m.group(1) + "*");
    }

    @Test
    void lifecycleExpiresUploadsAndOldBackupVersions() {
        var uploads = Yaml.json(Repo.read("minio/lifecycle/uploads.json")).path("Rules").get(0);
        assertThat(uploads.path("Status").asString()).isEqualTo("Enabled");
        assertThat(uploads.path("Expiration").path("Days").asInt()).isBetween(1, 30);
        var backups = Yaml.json(Repo.read("minio/lifecycle/backups.json")).path("Rules").get(0);
        assertThat(backups.path("NoncurrentVersionExpiration").path("NoncurrentDays").asInt()).isPositive();
        assertThat(backups.has("Expiration")).as("current backups never expire").isFalse();
    }

    @Test
    void theMinioStatefulSetKeepsItsSecretsInASecretAndRunsNonRoot() {
        var build = Manifests.build(Repo.path("minio/k8s"));
        var sts = build.stream().filter(o -> o.kind().equals("StatefulSet")).findFirst().orElseThrow();
        var container = sts.spec().path("template").path("spec").path("containers").get(0);
        for (var env : container.path("env")) {
            if (env.path("name").asString().startsWith("MINIO_ROOT")) {
                assertThat(env.has("valueFrom")).as(env.path("name").asString()).isTrue();
            }
        }
        assertThat(sts.spec().path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                .isTrue();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("image").asString()).matches("minio/minio:RELEASE\\.[0-9TZ-]+");
    }
}
