package dev.orfeas.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12: S3Proxy lists the temp file of a write still in progress ({@code <key>-<UUID>}, its xattrs not yet set)
 * and answers ListObjects 500 until the write renames it, so a listing during a write was a 503. The write is staged
 * on the real S3Proxy exactly as S3Proxy stages it — the temp file beside the final name — and "finishes" (the temp
 * file goes) 300 ms later. The store's client makes no retries of its own here (the SDK's would blur what is
 * measured): the listing with {@link ListRetry#DEFAULT} waits the write out and answers; the same listing without
 * the retry is the 503 it used to be.
 */
class S3ProxyListingRaceIntegrationTests {

    private static final String BUCKET = "race-meshes";
    private static final Duration WRITE_TIME = Duration.ofMillis(300);

    private TestStore test;
    private S3Client noSdkRetries;
    private Path inProgress;

    @BeforeEach
    void store() throws Exception {
        LocalS3Server server = LocalS3Server.shared();
        test = server.openStore(BUCKET, "race-backups");
        test.store().put(BUCKET, ObjectWrite.of("r1/model.glb", "glb".getBytes(StandardCharsets.UTF_8),
                "model/gltf-binary"));
        noSdkRetries = S3Client.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint())
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void close() throws Exception {
        if (inProgress != null) {
            Files.deleteIfExists(inProgress);
        }
        noSdkRetries.close();
        test.close();
    }

    private ObjectStore store(ListRetry retry) {
        return new ObjectStore(noSdkRetries, null, test.store().properties(), retry);
    }

    @Test
    void aListingDuringAWriteWaitsForItAndAnswers() throws Exception {
        ObjectStore store = store(ListRetry.DEFAULT);
        CompletableFuture<Void> write = stageWrite();
        long started = System.nanoTime();

        assertThat(store.listAll(BUCKET, "")).extracting(ObjectInfo::key).contains("r1/model.glb");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited for the write")
                .isGreaterThanOrEqualTo(WRITE_TIME.minusMillis(100));
        write.get(10, TimeUnit.SECONDS);
        assertThat(store.list(BUCKET, "r1/", 10, null).keys()).containsExactly("r1/model.glb");
    }

    @Test
    void withoutTheRetryTheSameListingIsA503() throws Exception {
        ObjectStore once = store(ListRetry.NONE);
        CompletableFuture<Void> write = stageWrite();

        assertThatThrownBy(() -> once.listAll(BUCKET, "")).as("the race, reproduced")
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("answered 500");
        write.get(10, TimeUnit.SECONDS);
        assertThat(once.listAll(BUCKET, "")).extracting(ObjectInfo::key).contains("r1/model.glb");
    }

    /** S3Proxy's temp file of a PUT in progress, gone (renamed into place, here deleted) after {@link #WRITE_TIME}. */
    private CompletableFuture<Void> stageWrite() throws Exception {
        inProgress = LocalS3Server.shared().dataDir().resolve(BUCKET + "/r1/meta.json-" + UUID.randomUUID());
        Files.writeString(inProgress, "{\"half\":");
        return CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(WRITE_TIME);
                Files.delete(inProgress);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
