package dev.orfeas.storage;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The S3 client and presigner built on a thread of their own, begun before Spring creates its beans
 * ({@link EarlyStorageStart}): the SDK's first client (service model, endpoint rules, HTTP client: ~0.2 s of a
 * cold start on two CPUs) is then made alongside the context's own start. {@link StorageAutoConfiguration} adopts
 * each when its properties match; what nobody adopts is closed with the context.
 */
final class EarlyS3Clients {

    private final StorageProperties properties;
    private final CompletableFuture<S3Client> client;
    private final CompletableFuture<S3Presigner> presigner;
    private final AtomicBoolean clientClaimed = new AtomicBoolean();
    private final AtomicBoolean presignerClaimed = new AtomicBoolean();

    private EarlyS3Clients(StorageProperties properties) {
        this.properties = properties;
        this.client = new CompletableFuture<>();
        this.presigner = new CompletableFuture<>();
    }

    static EarlyS3Clients start(StorageProperties properties) {
        EarlyS3Clients early = new EarlyS3Clients(properties);
        Thread.ofPlatform().name("s3-client-build").daemon().start(early::build);
        return early;
    }

    /** The early client, when it was built for these properties and nobody took it yet; a failed build is empty. */
    Optional<S3Client> claimClient(StorageProperties wanted) {
        return claim(wanted, clientClaimed, client);
    }

    Optional<S3Presigner> claimPresigner(StorageProperties wanted) {
        return claim(wanted, presignerClaimed, presigner);
    }

    /** The client as built (waiting for it): lets a test tell the early client from one a bean made itself. */
    S3Client built() {
        return client.join();
    }

    /** The context is closing: close what it did not adopt (once built). */
    void abandon() {
        if (clientClaimed.compareAndSet(false, true)) {
            client.thenAccept(S3Client::close);
        }
        if (presignerClaimed.compareAndSet(false, true)) {
            presigner.thenAccept(S3Presigner::close);
        }
    }

    private <T> Optional<T> claim(StorageProperties wanted, AtomicBoolean claimed, CompletableFuture<T> built) {
        if (!properties.equals(wanted) || !claimed.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(built.join());
        } catch (RuntimeException failed) {
            return Optional.empty(); // the bean builds its own and reports what is wrong
        }
    }

    private void build() {
        complete(client, () -> S3Clients.client(properties));
        complete(presigner, () -> S3Clients.presigner(properties));
    }

    private static <T> void complete(CompletableFuture<T> future, Supplier<T> make) {
        try {
            future.complete(make.get());
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
        }
    }
}
