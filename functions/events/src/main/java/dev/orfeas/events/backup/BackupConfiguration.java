package dev.orfeas.events.backup;

import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.S3Clients;
import dev.orfeas.storage.StorageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** Wires backups to the app's store or, when {@code orfeas.events.backup.target.*} is set, a second endpoint. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BackupConfiguration.class);

    @Bean
    BackupTarget backupTarget(ObjectStore store, StorageProperties storage, BackupProperties properties) {
        StorageProperties remote = properties.target();
        if (remote == null) {
            if (storage.buckets().backups().equals(storage.buckets().meshes())) {
                throw new IllegalStateException("orfeas.storage.buckets.backups must differ from .meshes: a backup "
                        + "into the bucket it copies would copy its own copies");
            }
            return new BackupTarget(store, storage.buckets().backups(), properties.prefix(), false);
        }
        // the second store's client lives as long as the app: the target bean owns it
        ObjectStore target = new ObjectStore(S3Clients.client(remote), S3Clients.presigner(remote), remote);
        if (remote.createBuckets()) {
            target.ensureBuckets(List.of(remote.buckets().backups()));
        }
        log.info("backups go to a second S3 endpoint: {} bucket {}", remote.endpoint(), remote.buckets().backups());
        return new BackupTarget(target, remote.buckets().backups(), properties.prefix(), true);
    }

    @Bean
    VerifiedCopier verifiedCopier(ObjectStore store, BackupTarget target) {
        return new VerifiedCopier(store, target);
    }

    @Bean
    MeshBackup meshBackup(VerifiedCopier copier) {
        return new MeshBackup(copier);
    }

    @Bean
    FullBackup fullBackup(ObjectStore store, StorageProperties storage, VerifiedCopier copier,
                          BackupProperties properties, MeterRegistry meters) {
        return new FullBackup(store, storage.buckets().meshes(), copier, properties, Clock.systemUTC(), meters);
    }

    @Bean
    BackupSchedule backupSchedule(FullBackup backup, BackupProperties properties) {
        return new BackupSchedule(backup, properties);
    }

    @Bean
    Restorer restorer(ObjectStore store, BackupTarget target, BackupProperties properties) {
        return new Restorer(store, target, properties.manifestPrefix());
    }
}
