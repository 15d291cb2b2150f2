package dev.orfeas.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("orfeas.storage")
public record StorageProperties(
        URI endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("true") boolean pathStyle,
        @DefaultValue("true") boolean createBuckets,
        @NotNull @Pattern(regexp = "when-supported|when-required",
                message = "must be when-supported or when-required") @DefaultValue("when-supported") String checksums,
        @NotNull @DefaultValue("1h") Duration presignExpiry,
        @NotNull @DefaultValue("16MB") DataSize multipartThreshold,
        @NotNull @DefaultValue("8MB") DataSize partSize,
        @Valid @NotNull @DefaultValue Buckets buckets) {

    /** Bucket names; S3 rules: 3-63 lower-case letters, digits, dots and hyphens. */
    public record Buckets(
            @NotBlank @Pattern(regexp = BUCKET, message = BUCKET_MESSAGE) @DefaultValue("uploads") String uploads,
            @NotBlank @Pattern(regexp = BUCKET, message = BUCKET_MESSAGE) @DefaultValue("meshes") String meshes,
            @NotBlank @Pattern(regexp = BUCKET, message = BUCKET_MESSAGE) @DefaultValue("backups") String backups,
            @NotBlank @Pattern(regexp = BUCKET, message = BUCKET_MESSAGE) @DefaultValue("failed") String failed) {
    }

    static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
    static final String BUCKET_MESSAGE = "must be a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')";

    @AssertTrue(message = "access-key and secret-key must be set together")
    public boolean isCredentialsPaired() {
        return blank(accessKey) == blank(secretKey);
    }

    @AssertTrue(message = "presign-expiry must be between 1 second and 7 days")
    public boolean isPresignExpiryInRange() {
        return presignExpiry == null
                || (presignExpiry.compareTo(Duration.ofSeconds(1)) >= 0 && presignExpiry.compareTo(Duration.ofDays(7)) <= 0);
    }

    @AssertTrue(message = "part-size must be at least 5MB and multipart-threshold at least part-size")
    public boolean isMultipartSane() {
        return partSize == null || multipartThreshold == null
                || (partSize.toBytes() >= 5L * 1024 * 1024 && multipartThreshold.toBytes() >= partSize.toBytes());
    }

    @AssertTrue(message = "endpoint must be an http or https URL")
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
