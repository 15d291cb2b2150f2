package dev.orfeas.storage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 client built beside the context's start is the one the context uses, against a real S3Proxy. */
class EarlyStorageStartIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(StorageAutoConfiguration.class)
    static class StorageOnly {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(StorageAutoConfiguration.class)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        S3Client ownS3Client(StorageProperties properties) {
            return S3Clients.client(properties);
        }
    }

    @Test
    void theContextAdoptsTheEarlyClientAndItWorks() {
        String bucket = "early-" + UUID.randomUUID().toString().substring(0, 8);
        try (var context = start(StorageOnly.class, bucket)) {
            EarlyS3Clients early = context.getBean(EarlyS3Clients.class);

            assertThat(context.getBean(S3Client.class)).isSameAs(early.built());
            // the buckets were made at start through it
            assertThat(early.built().headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    @Test
    void anEarlyClientNobodyAdoptedIsClosedWithTheContext() {
        S3Client unadopted;
        try (var context = start(OwnClient.class, "early-own")) {
            EarlyS3Clients early = context.getBean(EarlyS3Clients.class);
            unadopted = early.built();

            assertThat(context.getBean(S3Client.class)).isNotSameAs(unadopted);
            unadopted.listBuckets(); // open while the context is
        }
        assertThatThrownBy(unadopted::listBuckets).isInstanceOf(IllegalStateException.class);
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, String bucket) {
        LocalS3Server server = LocalS3Server.shared();
        return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE).run(
                "--orfeas.storage.endpoint=" + server.endpoint(), "--orfeas.storage.access-key=" + LocalS3Server.ACCESS_KEY,
                "--orfeas.storage.secret-key=" + LocalS3Server.SECRET_KEY, "--orfeas.storage.checksums=when-required",
                "--orfeas.storage.buckets.uploads=" + bucket, "--orfeas.storage.buckets.meshes=" + bucket + "-m",
                "--orfeas.storage.buckets.backups=" + bucket + "-b", "--orfeas.storage.buckets.failed=" + bucket + "-f");
    }
}
