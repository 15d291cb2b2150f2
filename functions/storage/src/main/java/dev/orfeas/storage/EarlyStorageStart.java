package dev.orfeas.storage;

import dev.orfeas.config.EarlyStart;

/** Begins building the S3 client and presigner before Spring creates its beans ({@link EarlyS3Clients}). */
public final class EarlyStorageStart extends EarlyStart<StorageProperties, EarlyS3Clients> {

    public EarlyStorageStart() {
        super("earlyS3Clients", "orfeas.storage", StorageProperties.class);
    }

    @Override
    protected EarlyS3Clients begin(StorageProperties properties) {
        return EarlyS3Clients.start(properties);
    }

    @Override
    protected void abandon(EarlyS3Clients early) {
        early.abandon();
    }
}
