package dev.orfeas.storage;

import software.amazon.awssdk.services.s3.S3Client;

/** An {@link ObjectStore} on a {@link LocalS3Server}, for tests and benches that talk to it from outside the app. */
public record TestStore(ObjectStore store, S3Client client) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
    }
}
