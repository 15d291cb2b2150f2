package dev.orfeas.events.backup;

import dev.orfeas.storage.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Server-side copy of a mesh's objects to the backup bucket, each verified: size and ETag of the copy must equal
 * the source's when the source ETag is a plain MD5 (single-part object); otherwise both are read and their
 * SHA-256 compared. A copy that already matches is skipped, so redelivery and reruns copy nothing twice and a
 * damaged copy is replaced.
 */
public class MeshBackup {

    private final S3Client s3;
    private final String backupBucket;
    private final String prefix;

    public MeshBackup(S3Client s3, String backupBucket, String prefix) {
        this.s3 = s3;
        this.backupBucket = backupBucket;
        this.prefix = prefix;
    }

    /** One object's result. */
    public record Copied(String key, String backupKey, long size, String etag, boolean skipped) {
    }

    /** The source object is gone: the backup can never succeed (not retryable). */
    public static class MissingSourceException extends RuntimeException {
        public MissingSourceException(String message) {
            super(message);
        }
    }

    /** A copy did not verify (after one fresh attempt). */
    public static class VerificationException extends RuntimeException {
        public VerificationException(String message) {
            super(message);
        }
    }

    public String backupBucket() {
        return backupBucket;
    }

    public List<Copied> backup(String bucket, List<String> keys) {
        List<Copied> result = new ArrayList<>();
        for (String key : keys) {
            result.add(backupOne(bucket, key));
        }
        return result;
    }

    private Copied backupOne(String bucket, String key) {
        String backupKey = prefix + key;
        HeadObjectResponse source = head(bucket, key)
                .orElseThrow(() -> new MissingSourceException("source object " + bucket + "/" + key + " does not exist"));
        Optional<HeadObjectResponse> existing = head(backupBucket, backupKey);
        if (existing.isPresent() && matches(bucket, key, source, backupKey, existing.get())) {
            return new Copied(key, backupKey, source.contentLength(), bare(source.eTag()), true);
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            call("copy " + bucket + "/" + key, () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key)
                    .destinationBucket(backupBucket).destinationKey(backupKey)));
            HeadObjectResponse copy = head(backupBucket, backupKey).orElseThrow(() ->
                    new VerificationException("copy of " + key + " is missing right after the copy"));
            if (matches(bucket, key, source, backupKey, copy)) {
                return new Copied(key, backupKey, source.contentLength(), bare(source.eTag()), false);
            }
        }
        throw new VerificationException("copy of " + bucket + "/" + key + " does not match its source after 2 attempts");
    }

    private boolean matches(String bucket, String key, HeadObjectResponse source, String backupKey,
                            HeadObjectResponse copy) {
        if (!source.contentLength().equals(copy.contentLength())) {
            return false;
        }
        String sourceEtag = bare(source.eTag());
        if (sourceEtag.matches("[0-9a-fA-F]{32}")) {
            return sourceEtag.equalsIgnoreCase(bare(copy.eTag()));
        }
        return MessageDigest.isEqual(sha256(bucket, key), sha256(backupBucket, backupKey));
    }

    /** Reads an object and returns its SHA-256 (restore verification and non-MD5 ETags). */
    public byte[] sha256(String bucket, String key) {
        return call("read " + bucket + "/" + key, () -> s3.getObject(b -> b.bucket(bucket).key(key),
                ResponseTransformer.unmanaged((response, in) -> digest(in))));
    }

    private static byte[] digest(InputStream in) {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return digest.getMessageDigest().digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<HeadObjectResponse> head(String bucket, String key) {
        return call("head " + bucket + "/" + key, () -> {
            try {
                return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static String bare(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("object store unreachable (" + what + "): " + e.getMessage(), e);
        } catch (S3Exception e) {
            if (e.statusCode() >= 500 || e.statusCode() == 429) {
                throw new StorageUnavailableException("object store answered " + e.statusCode() + " (" + what + ")", e);
            }
            throw e;
        }
    }
}
