package dev.orfeas.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.util.List;

/** S3 client, presigner and {@link ObjectStore} from {@code orfeas.storage.*}; creates the buckets at start. */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(StorageProperties properties) {
        return S3Clients.client(properties);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(StorageProperties properties) {
        return S3Clients.presigner(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    ObjectStore objectStore(S3Client s3, S3Presigner presigner, StorageProperties properties) {
        return new ObjectStore(s3, presigner, properties);
    }

    @Bean
    InitializingBean bucketInitializer(ObjectStore store, StorageProperties properties) {
        return () -> {
            log.info("object store: {}", properties);
            if (properties.createBuckets()) {
                var b = properties.buckets();
                store.ensureBuckets(List.of(b.uploads(), b.meshes(), b.backups(), b.failed()));
            }
        };
    }
}
