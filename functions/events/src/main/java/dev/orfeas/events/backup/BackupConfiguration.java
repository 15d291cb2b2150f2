package dev.orfeas.events.backup;

import dev.orfeas.storage.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    MeshBackup meshBackup(S3Client s3, StorageProperties storage, BackupProperties properties) {
        return new MeshBackup(s3, storage.buckets().backups(), properties.prefix());
    }
}
