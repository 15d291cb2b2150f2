package dev.orfeas.events.backup;

import dev.orfeas.cloudevents.EventTypes;
import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled full backups (PingSource ticks on {@code POST /backup}) and {@code POST /restore}, over real HTTP against
 * S3Proxy, in buckets of their own: manifests, incremental reruns, retention, restore after loss, corruption.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScheduledBackupIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String MESHES = "sched-meshes-" + RUN;
    static final String BACKUPS = "sched-backups-" + RUN;
    static final String TOKEN = "restore-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Autowired
    ObjectStore store;

    BackupCalls calls;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalS3Server.shared().addTo(registry);
        registry.add("orfeas.storage.buckets.meshes", () -> MESHES);
        registry.add("orfeas.storage.buckets.backups", () -> BACKUPS);
        registry.add("orfeas.storage.multipart-threshold", () -> "5MB");
        registry.add("orfeas.storage.part-size", () -> "5MB");
        registry.add("orfeas.events.backup.keep-manifests", () -> "3");
        registry.add("orfeas.events.backup.restore-token", () -> TOKEN);
    }

    @BeforeEach
    void client() {
        calls = new BackupCalls(URI.create("http://127.0.0.1:" + port));
    }

    @Test
    void aTickBacksUpEveryObjectWithAManifestAndARerunCopiesNothing() throws Exception {
        Map<String, byte[]> seeded = seed("tick-", 12);
        // over the multipart threshold: goes up in parts
        byte[] big = randomBytes(6 * 1024 * 1024, 7);
        store.put(MESHES, ObjectWrite.of("tick-big/model.glb", big, "model/gltf-binary"));
        seeded.put("tick-big/model.glb", big);

        CloudEvent first = BackupCalls.reply(calls.ping("tick-" + RUN));
        CloudEvent again = BackupCalls.reply(calls.ping("tick2-" + RUN));

        assertThat(first.getType()).isEqualTo(EventTypes.BACKUP_COMPLETED);
        JsonNode data = JSON.readTree(first.getData().toBytes());
        String manifestKey = data.get("manifest").asString();
        assertThat(first.getSubject()).isEqualTo(manifestKey);
        assertThat(manifestKey).startsWith("manifests/").endsWith(".tsv");
        int objects = store.listAll(MESHES, "").size();
        assertThat(data.get("objects").asInt()).isEqualTo(objects);

        List<Manifest.Entry> manifest = Manifest.parse(store.get(BACKUPS, manifestKey).orElseThrow().bytes());
        Map<String, Manifest.Entry> byKey = new LinkedHashMap<>();
        manifest.forEach(e -> byKey.put(e.key(), e));
        assertThat(byKey).hasSize(objects);
        for (var object : seeded.entrySet()) {
            Manifest.Entry entry = byKey.get(object.getKey());
            assertThat(entry).as(object.getKey()).isNotNull();
            assertThat(entry.size()).isEqualTo(object.getValue().length);
            assertThat(entry.checksum()).isIn("md5:" + hex("MD5", object.getValue()),
                    "sha256:" + hex("SHA-256", object.getValue()));
            assertThat(store.get(BACKUPS, "meshes/" + object.getKey()).orElseThrow().bytes())
                    .isEqualTo(object.getValue());
        }
        // a multipart ETag (MinIO, AWS) is no MD5: the checksum then is a SHA-256 read from the bytes
        assertThat(Checksums.of(store, MESHES, new ObjectInfo("tick-big/model.glb", big.length, "0a1b-2", null, null)))
                .isEqualTo("sha256:" + hex("SHA-256", big));

        JsonNode rerun = JSON.readTree(again.getData().toBytes());
        assertThat(rerun.get("copied").asInt()).isZero();
        assertThat(rerun.get("skipped").asInt()).isEqualTo(objects);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String lastSuccess = metrics.lines().filter(l -> l.startsWith("orfeas_backup_full_last_success_seconds"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(lastSuccess.substring(lastSuccess.lastIndexOf(' ') + 1)))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 600);
        assertThat(metrics).contains("orfeas_backup_full_duration_seconds_count");
    }

    @Test
    void retentionKeepsOnlyTheNewestManifests() throws Exception {
        seed("retain-", 2);
        for (int day = 1; day <= 4; day++) {
            store.put(BACKUPS, ObjectWrite.of("manifests/2020010" + day + "T000000Z.tsv", new byte[0],
                    Manifest.MEDIA_TYPE));
        }

        JsonNode data = JSON.readTree(BackupCalls.reply(calls.ping("retain-" + RUN)).getData().toBytes());

        List<String> left = store.listAll(BACKUPS, "manifests/").stream().map(ObjectInfo::key)
                .sorted(Comparator.reverseOrder()).toList();
        assertThat(left).hasSize(3).contains(data.get("manifest").asString());
        assertThat(left).doesNotContain("manifests/20200101T000000Z.tsv", "manifests/20200102T000000Z.tsv");
        List<String> pruned = data.get("prunedManifests").valueStream().map(JsonNode::asString).toList();
        assertThat(pruned).contains("manifests/20200101T000000Z.tsv").doesNotContainAnyElementsOf(left);
    }

    @Test
    void deletingTheOriginalsThenRestoringGivesByteIdenticalObjectsAndARerunRestoresNothing() throws Exception {
        seed("restore-", 10);
        BackupCalls.reply(calls.ping("restore-" + RUN));
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (ObjectInfo object : store.listAll(MESHES, "")) {
            before.put(object.key(), store.get(MESHES, object.key()).orElseThrow().bytes());
        }
        store.delete(MESHES, List.copyOf(before.keySet()));
        assertThat(store.listAll(MESHES, "")).isEmpty();

        var restore = calls.restore(TOKEN, "application/json", "{}");
        var rerun = calls.restore(TOKEN, "application/json", "{\"bucket\":\"" + MESHES + "\"}");

        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(restore.body());
        assertThat(answer.get("restored").asInt()).isEqualTo(before.size());
        assertThat(answer.get("failed").size()).isZero();
        for (var object : before.entrySet()) {
            assertThat(store.get(MESHES, object.getKey()).orElseThrow().bytes()).as(object.getKey())
                    .isEqualTo(object.getValue());
        }
        assertThat(store.listAll(MESHES, "")).hasSize(before.size());
        assertThat(JSON.readTree(rerun.body()).get("restored").asInt()).isZero();
        assertThat(JSON.readTree(rerun.body()).get("skipped").asInt()).isEqualTo(before.size());
    }

    @Test
    void aCorruptedBackupCopyIsDetectedAtRestoreAndNeverRestored() throws Exception {
        Map<String, byte[]> seeded = seed("corrupt-", 4);
        BackupCalls.reply(calls.ping("corrupt-" + RUN));
        String victim = seeded.keySet().iterator().next();
        byte[] damaged = seeded.get(victim).clone();
        damaged[damaged.length / 2] ^= 0x5a; // same size: only the content check can tell
        store.put(BACKUPS, ObjectWrite.of("meshes/" + victim, damaged, "model/gltf-binary"));
        store.delete(MESHES, List.copyOf(seeded.keySet()));

        var restore = calls.restore(TOKEN, "application/json", "{}");

        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(422);
        assertThat(restore.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(restore.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:orfeas:problem:restore-incomplete");
        assertThat(problem.get("failed").size()).isEqualTo(1);
        assertThat(problem.get("failed").get(0).get("key").asString()).isEqualTo(victim);
        assertThat(problem.get("failed").get(0).get("reason").asString()).contains("corrupted");
        assertThat(store.exists(MESHES, victim)).isFalse();
        for (var object : seeded.entrySet()) {
            if (!object.getKey().equals(victim)) {
                assertThat(store.get(MESHES, object.getKey()).orElseThrow().bytes()).isEqualTo(object.getValue());
            }
        }
    }

    @Test
    void restoreRefusesBadCallsWithClearProblems() throws Exception {
        String garbage = "manifests/19990101T000000Z.tsv";
        store.put(BACKUPS, ObjectWrite.of(garbage, "not\ta manifest\n".getBytes(StandardCharsets.UTF_8),
                Manifest.MEDIA_TYPE));
        Map<String, Integer> cases = new LinkedHashMap<>();

        cases.put("no token", calls.restore(null, "application/json", "{}").statusCode());
        cases.put("wrong token", calls.restore("nope", "application/json", "{}").statusCode());
        cases.put("text body", calls.restore(TOKEN, "text/plain", "restore please").statusCode());
        cases.put("bad content type", calls.restore(TOKEN, "%%%", "{}").statusCode());
        cases.put("malformed json", calls.restore(TOKEN, "application/json", "{\"manifest\":").statusCode());
        cases.put("array", calls.restore(TOKEN, "application/json", "[1,2]").statusCode());
        cases.put("number manifest", calls.restore(TOKEN, "application/json", "{\"manifest\":7}").statusCode());
        cases.put("escaping manifest", calls.restore(TOKEN, "application/json",
                "{\"manifest\":\"../etc/passwd\"}").statusCode());
        cases.put("control chars", calls.restore(TOKEN, "application/json",
                "{\"manifest\":\"manifests/a\\u0000.tsv\"}").statusCode());
        cases.put("bad bucket", calls.restore(TOKEN, "application/json", "{\"bucket\":\"UP_per\"}").statusCode());
        cases.put("missing bucket", calls.restore(TOKEN, "application/json",
                "{\"bucket\":\"no-such-bucket-" + RUN + "\"}").statusCode());
        cases.put("createBucket not a boolean", calls.restore(TOKEN, "application/json",
                "{\"createBucket\":\"yes\"}").statusCode());
        cases.put("unknown manifest", calls.restore(TOKEN, "application/json",
                "{\"manifest\":\"manifests/20010101T000000Z.tsv\"}").statusCode());
        cases.put("garbage manifest", calls.restore(TOKEN, "application/json",
                "{\"manifest\":\"" + garbage + "\"}").statusCode());
        cases.put("oversized", calls.restore(TOKEN, "application/json",
                "{\"manifest\":\"" + "x".repeat(20_000) + "\"}").statusCode());

        assertThat(cases).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("no token", 401), Map.entry("wrong token", 401), Map.entry("text body", 415),
                Map.entry("bad content type", 415), Map.entry("malformed json", 400), Map.entry("array", 400),
                Map.entry("number manifest", 400), Map.entry("escaping manifest", 400),
                Map.entry("control chars", 400), Map.entry("bad bucket", 400), Map.entry("missing bucket", 404),
                Map.entry("createBucket not a boolean", 400), Map.entry("unknown manifest", 404),
                Map.entry("garbage manifest", 422), Map.entry("oversized", 413)));
        store.delete(BACKUPS, List.of(garbage));
    }

    @Test
    void restoringIntoABucketThatDoesNotExistIsRefusedUnlessAskedFor() throws Exception {
        seed("newbucket-", 2);
        BackupCalls.reply(calls.ping("newbucket-" + RUN));
        String fresh = "restored-" + RUN.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");

        var refused = calls.restore(TOKEN, "application/json", "{\"bucket\":\"" + fresh + "\"}");
        boolean createdByTheRefusal = store.bucketExists(fresh);
        var asked = calls.restore(TOKEN, "application/json", "{\"bucket\":\"" + fresh + "\",\"createBucket\":true}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("urn:orfeas:problem:no-bucket");
        assertThat(createdByTheRefusal).isFalse();
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(store.listAll(fresh, "")).isNotEmpty();
    }

    /** Writes {@code count} mesh-like objects with awkward keys; returns key → bytes. */
    private Map<String, byte[]> seed(String prefix, int count) {
        Map<String, byte[]> seeded = new LinkedHashMap<>();
        String[] names = {"model.glb", "meta.json", "a b+c.obj", "ünï cödé %41.ply"};
        for (int i = 0; i < count; i++) {
            String key = prefix + RUN + "-" + i + "/" + names[i % names.length];
            byte[] bytes = randomBytes(1 + 997 * i, prefix.hashCode() + i);
            store.put(MESHES, ObjectWrite.of(key, bytes, "model/gltf-binary"));
            seeded.put(key, bytes);
        }
        return seeded;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
