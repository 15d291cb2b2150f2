package dev.orfeas.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ObjectStore against a real S3Proxy process on loopback. */
class ObjectStoreIntegrationTests {

    static S3Client s3;
    static S3Presigner presigner;
    static ObjectStore store;
    static final String BUCKET = "store-tests";

    @BeforeAll
    static void connect() {
        LocalS3Server server = LocalS3Server.shared();
        StorageProperties properties = new StorageProperties(server.endpoint(), "us-east-1",
                LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY, true, true, "when-required",
                Duration.ofMinutes(5), DataSize.ofMegabytes(5), DataSize.ofMegabytes(5),
                new StorageProperties.Buckets("uploads", "meshes", "backups", "failed"));
        s3 = S3Clients.client(properties);
        presigner = S3Clients.presigner(properties);
        store = new ObjectStore(s3, presigner, properties);
        store.ensureBuckets(List.of(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
        presigner.close();
    }

    @Test
    void presignedUrlDownloadsIdenticalBytesWithTypeAndFileName() throws Exception {
        byte[] bytes = randomBytes(70_000, 1);
        store.put(BUCKET, new ObjectWrite("a/model.glb", bytes, "model/gltf-binary", "cat.glb",
                Map.of("source-key", "uploads/cat.png")));

        var url = store.presignGet(BUCKET, "a/model.glb");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(url.url()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("content-type")).hasValue("model/gltf-binary");
        assertThat(response.headers().firstValue("content-disposition").orElseThrow()).contains("filename=\"cat.glb\"");
        // the SDK's aws-chunked upload encoding must not be stored as the object's Content-Encoding (issue 12)
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        assertThat(store.get(BUCKET, "a/model.glb").orElseThrow().metadata()).containsEntry("source-key",
                "uploads/cat.png");
    }

    @Test
    void largeObjectGoesUpInPartsAndReadsBackWholeWithoutAContentEncoding() throws Exception {
        byte[] bytes = randomBytes(5 * 1024 * 1024 + 17, 2);

        store.put(BUCKET, ObjectWrite.of("big/model.ply", bytes, "application/x-ply"));

        assertThat(store.get(BUCKET, "big/model.ply").orElseThrow().bytes()).isEqualTo(bytes);
        HttpResponse<Void> head = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(store.presignGet(BUCKET, "big/model.ply").url()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void missingObjectIsEmptyAndListingPagesInKeyOrder() {
        for (int i = 0; i < 3; i++) {
            store.put(BUCKET, ObjectWrite.of("list/k" + i, new byte[] {(byte) i}, "application/octet-stream"));
        }

        assertThat(store.get(BUCKET, "nope/never")).isEmpty();
        assertThat(store.exists(BUCKET, "list/k1")).isTrue();
        var first = store.list(BUCKET, "list/", 2, null);
        assertThat(first.keys()).containsExactly("list/k0", "list/k1");
        assertThat(store.list(BUCKET, "list/", 2, first.nextToken()).keys()).containsExactly("list/k2");
    }

    @Test
    void unreachableServerIsReportedAsUnavailable() {
        StorageProperties nowhere = new StorageProperties(java.net.URI.create("http://127.0.0.1:9"), "us-east-1",
                "a", "b", true, false, "when-required", Duration.ofMinutes(1), DataSize.ofMegabytes(16),
                DataSize.ofMegabytes(8), new StorageProperties.Buckets("uploads", "meshes", "backups", "failed"));
        try (S3Client client = S3Clients.client(nowhere); S3Presigner p = S3Clients.presigner(nowhere)) {
            ObjectStore down = new ObjectStore(client, p, nowhere);
            assertThatThrownBy(() -> down.put("meshes", ObjectWrite.of("k", new byte[1], "text/plain")))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
