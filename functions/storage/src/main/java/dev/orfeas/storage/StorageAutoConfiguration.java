package dev.orfeas.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.util.List;
import java.util.Optional;

/**
 * S3 client, presigner and {@link ObjectStore} from {@code orfeas.storage.*} (the client and presigner built early,
 * beside the context's start, by {@link EarlyStorageStart}); creates the buckets at start ({@code create-buckets}),
 * or, where they exist already, only warms the client up.
 */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(StorageProperties properties, ObjectProvider<EarlyS3Clients> early) {
        return Optional.ofNullable(early.getIfAvailable()).flatMap(e -> e.claimClient(properties))
                .orElseGet(() -> S3Clients.client(properties));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(StorageProperties properties, ObjectProvider<EarlyS3Clients> early) {
        return Optional.ofNullable(early.getIfAvailable()).flatMap(e -> e.claimPresigner(properties))
                .orElseGet(() -> S3Clients.presigner(properties));
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
            var b = properties.buckets();
            if (properties.createBuckets()) {
                // a machine of its own: make what is missing before serving
                store.ensureBuckets(List.of(b.uploads(), b.meshes(), b.backups(), b.failed()));
            } else {
                // a cluster, whose MinIO setup made the buckets: connect on a side thread meanwhile, so the first
                // request does not pay for the SDK's first call (its classes, signing, the connection)
                Thread.ofVirtual().name("s3-connect").start(() -> connect(store, b.meshes()));
            }
        };
    }

    private static void connect(ObjectStore store, String bucket) {
        try {
            store.ping(bucket);
        } catch (RuntimeException e) {
            log.debug("object store not reached at start (the first request will retry): {}", e.toString());
        }
    }
}
