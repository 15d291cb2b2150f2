package dev.orfeas.storage;

import dev.orfeas.config.Checks;
import dev.orfeas.config.SelfValidating;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;

/**
 * Where meshes and images live: any S3 API (S3Proxy on one machine, MinIO on a cluster, AWS S3).
 *
 * @param endpoint           S3 endpoint; empty means the AWS default for the region
 * @param region             signing region
 * @param accessKey          access key id (from a secret)
 * @param secretKey          secret access key (from a secret; never printed)
 * @param pathStyle          path-style addressing (MinIO, S3Proxy); virtual-host style when false
 * @param createBuckets      create missing buckets at start (needs the permission)
 * @param checksums          {@code when-supported}: SDK checksums on every request (MinIO, AWS S3);
 *                           {@code when-required}: only where the API needs them (S3Proxy rejects the trailers)
 * @param presignExpiry      lifetime of presigned download URLs
 * @param multipartThreshold objects at least this big are uploaded in parts
 * @param partSize           part size for multipart uploads (S3 needs at least 5 MB)
 * @param buckets            bucket names
 */
@ConfigurationProperties("orfeas.storage")
public record StorageProperties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("true") boolean pathStyle,
        @DefaultValue("true") boolean createBuckets,
        @DefaultValue("when-supported") String checksums,
        @DefaultValue("1h") Duration presignExpiry,
        @DefaultValue("16MB") DataSize multipartThreshold,
        @DefaultValue("8MB") DataSize partSize,
        @DefaultValue Buckets buckets) implements SelfValidating {

    /** Bucket names; S3 rules: 3-63 lower-case letters, digits, dots and hyphens. */
    public record Buckets(
            @DefaultValue("uploads") String uploads,
            @DefaultValue("meshes") String meshes,
            @DefaultValue("backups") String backups,
            @DefaultValue("failed") String failed) {

        void check(Checks checks) {
            checks.matches("uploads", uploads, BUCKET, BUCKET_MESSAGE).matches("meshes", meshes, BUCKET, BUCKET_MESSAGE)
                    .matches("backups", backups, BUCKET, BUCKET_MESSAGE).matches("failed", failed, BUCKET, BUCKET_MESSAGE);
        }
    }

    static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
    static final String BUCKET_MESSAGE = "must be a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')";

    @Override
    public void check(Checks checks) {
        checks.notBlank("region", region)
                .oneOf("checksums", checksums, "when-supported", "when-required")
                .notNull("presignExpiry", presignExpiry)
                .require("presignExpiry", isPresignExpiryInRange(), "must be between 1 second and 7 days")
                .notNull("multipartThreshold", multipartThreshold).notNull("partSize", partSize)
                .require("partSize", isMultipartSane(),
                        "part-size must be at least 5MB and multipart-threshold at least part-size")
                .require("endpoint", isEndpointHttp(), "must be an http or https URL")
                .require("secretKey", isCredentialsPaired(), "access-key and secret-key must be set together")
                .nested("buckets", buckets, Buckets::check);
    }

    public boolean isCredentialsPaired() {
        return blank(accessKey) == blank(secretKey);
    }

    public boolean isPresignExpiryInRange() {
        return presignExpiry == null
                || (presignExpiry.compareTo(Duration.ofSeconds(1)) >= 0 && presignExpiry.compareTo(Duration.ofDays(7)) <= 0);
    }

    public boolean isMultipartSane() {
        return partSize == null || multipartThreshold == null
                || (partSize.toBytes() >= 5L * 1024 * 1024 && multipartThreshold.toBytes() >= partSize.toBytes());
    }

    public boolean isEndpointHttp() {
        return endpoint == null || "http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme());
    }

    public boolean checksumsWhenRequired() {
        return "when-required".equals(checksums);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "StorageProperties[endpoint=" + endpoint + ", region=" + region + ", accessKey="
                + (blank(accessKey) ? "(default chain)" : accessKey) + ", secretKey=" + (blank(secretKey) ? "" : "****")
                + ", pathStyle=" + pathStyle + ", createBuckets=" + createBuckets + ", checksums=" + checksums
                + ", presignExpiry=" + presignExpiry + ", buckets=" + buckets + "]";
    }
}
