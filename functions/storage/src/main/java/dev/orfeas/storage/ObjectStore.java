package dev.orfeas.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The few S3 operations the functions need, with the rules that make them safe:
 * every write carries {@code Content-MD5} (the server rejects a corrupted body) and the returned ETag is checked
 * against it; large objects go up in parts and an upload that fails is aborted, so no partial object is ever
 * visible; connection failures and 5xx answers become {@link StorageUnavailableException} (retry later). A listing
 * answered 500 is tried again first ({@link ListRetry}): S3Proxy answers that while a write is in progress.
 */
public class ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties properties;
    private final ListRetry listRetry;

    public ObjectStore(S3Client s3, S3Presigner presigner, StorageProperties properties) {
        this(s3, presigner, properties, ListRetry.DEFAULT);
    }

    ObjectStore(S3Client s3, S3Presigner presigner, StorageProperties properties, ListRetry listRetry) {
        this.s3 = s3;
        this.presigner = presigner;
        this.properties = properties;
        this.listRetry = listRetry;
    }

    public StorageProperties properties() {
        return properties;
    }

    /** Writes one object (single PUT or multipart, by size); returns the number of bytes stored. */
    public long put(String bucket, ObjectWrite write) {
        write(bucket, write.key(), write.bytes(), write.contentType(),
                ContentDispositions.attachment(write.downloadName()), Metadata.sanitise(write.metadata()));
        return write.bytes().length;
    }

    private void write(String bucket, String key, byte[] data, String contentType, String disposition,
                       Map<String, String> metadata) {
        InvalidObjectKeyException.requireSafe(key);
        if (data.length >= properties.multipartThreshold().toBytes()) {
            putMultipart(bucket, key, data, contentType, disposition, metadata);
            return;
        }
        call("put " + bucket + "/" + key, () -> {
            byte[] md5 = md5(data, 0, data.length);
            var response = s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                    .contentDisposition(disposition).contentMD5(Base64.getEncoder().encodeToString(md5))
                    .metadata(metadata), RequestBody.fromBytes(data));
            verifyEtag(response.eTag(), md5, bucket, key);
            return null;
        });
    }

    private void putMultipart(String bucket, String key, byte[] data, String contentType, String disposition,
                              Map<String, String> metadata) {
        String uploadId = call("start multipart " + bucket + "/" + key, () -> s3.createMultipartUpload(b -> b
                .bucket(bucket).key(key).contentType(contentType).contentDisposition(disposition)
                .metadata(metadata)).uploadId());
        try {
            int partSize = (int) properties.partSize().toBytes();
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
                int length = Math.min(partSize, data.length - offset);
                byte[] md5 = md5(data, offset, length);
                int partNumber = number;
                int from = offset;
                String etag = call("upload part " + partNumber, () -> s3.uploadPart(b -> b.bucket(bucket).key(key)
                                .uploadId(uploadId).partNumber(partNumber)
                                .contentMD5(Base64.getEncoder().encodeToString(md5)),
                        RequestBody.fromBytes(Arrays.copyOfRange(data, from, from + length))).eTag());
                verifyEtag(etag, md5, bucket, key + " part " + partNumber);
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call("complete multipart " + bucket + "/" + key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /** Reads a whole object; empty when it does not exist. */
    public Optional<StoredObject> get(String bucket, String key) {
        InvalidObjectKeyException.requireSafe(key);
        return call("get " + bucket + "/" + key, () -> {
            try {
                var bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                var response = bytes.response();
                return Optional.of(new StoredObject(bucket, key, bytes.asByteArray(), response.contentType(),
                        response.metadata()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    public boolean exists(String bucket, String key) {
        return head(bucket, key).isPresent();
    }

    /** One page of keys under a prefix, in key order; {@code token} continues a previous page. */
    public KeyPage list(String bucket, String prefix, int limit, String token) {
        ListObjectsV2Response page = listPage(bucket, prefix, limit, token);
        return new KeyPage(page.contents().stream().map(S3Object::key).toList(),
                Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
    }

    /** Size, ETag, version and time of one object; empty when it does not exist. */
    public Optional<ObjectInfo> head(String bucket, String key) {
        InvalidObjectKeyException.requireSafe(key);
        return call("head " + bucket + "/" + key, () -> {
            try {
                var h = s3.headObject(b -> b.bucket(bucket).key(key));
                return Optional.of(new ObjectInfo(key, h.contentLength(), ObjectInfo.bare(h.eTag()), h.versionId(),
                        h.lastModified()));
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

    /** One page of objects (key, size, ETag, time) under a prefix, in key order. */
    public ObjectPage listObjects(String bucket, String prefix, int limit, String token) {
        ListObjectsV2Response page = listPage(bucket, prefix, limit, token);
        return new ObjectPage(page.contents().stream()
                .map(o -> new ObjectInfo(o.key(), o.size(), ObjectInfo.bare(o.eTag()), null, o.lastModified()))
                .toList(), Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
    }

    /**
     * One ListObjectsV2 page. A token with control characters, or one the store answers 400 for (a token the
     * client made up or mangled), is an {@link InvalidObjectKeyException}.
     */
    private ListObjectsV2Response listPage(String bucket, String prefix, int limit, String token) {
        boolean hasToken = token != null && !token.isBlank();
        if (hasToken && (token.length() > 1024 || token.chars().anyMatch(c -> Character.isISOControl(c)
                || c == '\uFFFD'))) {
            throw new InvalidObjectKeyException("the continuation token is malformed");
        }
        try {
            return retryingA500(bucket, () -> call("list " + bucket + "/" + prefix, () -> s3.listObjectsV2(b -> {
                b.bucket(bucket).prefix(prefix).maxKeys(limit);
                if (hasToken) {
                    b.continuationToken(token);
                }
            })));
        } catch (S3Exception e) {
            if (hasToken && e.statusCode() == 400) {
                throw new InvalidObjectKeyException("the object store refused the continuation token");
            }
            throw e;
        }
    }

    /** A listing the store answered 500 for is tried again ({@link ListRetry}: a write in progress on S3Proxy). */
    private <T> T retryingA500(String bucket, Supplier<T> listing) {
        for (int attempt = 1; ; attempt++) {
            try {
                return listing.get();
            } catch (StorageUnavailableException e) {
                if (!(e.getCause() instanceof S3Exception s3e) || s3e.statusCode() != 500
                        || attempt >= listRetry.attempts()) {
                    throw e;
                }
                Duration pause = listRetry.backoff(attempt);
                log.debug("listing {} answered 500 (try {} of {}); again in {} ms", bucket, attempt,
                        listRetry.attempts(), pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Every object under a prefix (all pages). */
    public List<ObjectInfo> listAll(String bucket, String prefix) {
        List<ObjectInfo> all = new ArrayList<>();
        String token = null;
        do {
            ObjectPage page = listObjects(bucket, prefix, 1000, token);
            all.addAll(page.objects());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /**
     * Server-side copy inside this store (content type, disposition and metadata travel with it); returns the
     * copy's ETag as the server reports it.
     */
    public String copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
        InvalidObjectKeyException.requireSafe(sourceKey);
        InvalidObjectKeyException.requireSafe(targetKey);
        return call("copy " + sourceBucket + "/" + sourceKey, () -> ObjectInfo.bare(s3.copyObject(b -> b
                .sourceBucket(sourceBucket).sourceKey(sourceKey).destinationBucket(targetBucket)
                .destinationKey(targetKey)).copyObjectResult().eTag()));
    }

    /**
     * Copies an object into another store (a second S3 endpoint), where no server-side copy is possible: the
     * bytes pass through this process (buffered: meshes are small) and go up with Content-MD5 like any write.
     */
    public void transferTo(ObjectStore target, String sourceBucket, String sourceKey, String targetBucket,
                           String targetKey) {
        InvalidObjectKeyException.requireSafe(sourceKey);
        InvalidObjectKeyException.requireSafe(targetKey);
        var bytes = call("get " + sourceBucket + "/" + sourceKey,
                () -> s3.getObjectAsBytes(b -> b.bucket(sourceBucket).key(sourceKey)));
        var response = bytes.response();
        target.write(targetBucket, targetKey, bytes.asByteArray(), response.contentType(),
                response.contentDisposition(), response.metadata());
    }

    /** Reads an object and returns the hex digest of its bytes ({@code MD5} or {@code SHA-256}). */
    public String digest(String bucket, String key, String algorithm) {
        InvalidObjectKeyException.requireSafe(key);
        return call("read " + bucket + "/" + key, () -> s3.getObject(b -> b.bucket(bucket).key(key),
                ResponseTransformer.unmanaged((response, in) -> hexDigest(in, algorithm))));
    }

    /**
     * Deletes keys, one request each (failures propagate, unlike {@link #deleteQuietly}). Not DeleteObjects: it
     * needs a request checksum that some S3 servers (S3Proxy) do not implement, and deletes here are few.
     */
    public void delete(String bucket, List<String> keys) {
        keys.forEach(InvalidObjectKeyException::requireSafe);
        for (String key : keys) {
            call("delete " + bucket + "/" + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
        }
    }

    /** Deletes keys, best effort (used to roll back a failed multi-object write). */
    public void deleteQuietly(String bucket, List<String> keys) {
        try {
            delete(bucket, keys);
        } catch (RuntimeException e) {
            log.warn("could not remove {} object(s) from {} after a failed write: {}", keys.size(), bucket,
                    e.getMessage());
        }
    }

    /** A GET URL anyone holding it can use until it expires; the download keeps the name stored with the object. */
    public PresignedUrl presignGet(String bucket, String key) {
        return presignGet(bucket, key, null);
    }

    /**
     * As {@link #presignGet(String, String)}, the download named {@code downloadName} (when not null) through S3's
     * {@code response-content-disposition}: one stored copy, any number of names.
     */
    public PresignedUrl presignGet(String bucket, String key, String downloadName) {
        InvalidObjectKeyException.requireSafe(key);
        Duration expiry = properties.presignExpiry();
        String disposition = ContentDispositions.attachment(downloadName);
        var request = presigner.presignGetObject(p -> p.signatureDuration(expiry)
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition(disposition)));
        return new PresignedUrl(URI.create(request.url().toString()), Instant.now().plus(expiry));
    }

    /** A multipart upload that was started and neither completed nor aborted (a writer killed mid-write). */
    public record PendingUpload(String key, String uploadId, Instant initiated) {
    }

    /** The bucket's unfinished multipart uploads (the first 1,000: enough for a sweep that runs again). */
    public List<PendingUpload> pendingUploads(String bucket) {
        return call("list multipart uploads " + bucket, () -> s3.listMultipartUploads(b -> b.bucket(bucket))
                .uploads().stream().map(u -> new PendingUpload(u.key(), u.uploadId(), u.initiated())).toList());
    }

    /** Aborts one unfinished multipart upload; its parts are discarded. */
    public void abortUpload(String bucket, PendingUpload upload) {
        call("abort multipart " + bucket + "/" + upload.key(), () -> s3.abortMultipartUpload(b -> b.bucket(bucket)
                .key(upload.key()).uploadId(upload.uploadId())));
    }

    /** True when the bucket exists (and we may see it). */
    public boolean bucketExists(String bucket) {
        return call("head bucket " + bucket, () -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                return true;
            } catch (NoSuchBucketException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                return false;
            }
        });
    }

    /** Creates the buckets that do not exist yet. */
    public void ensureBuckets(List<String> buckets) {
        for (String bucket : buckets) {
            call("create bucket " + bucket, () -> {
                try {
                    s3.headBucket(b -> b.bucket(bucket));
                } catch (NoSuchBucketException e) {
                    createBucket(bucket);
                } catch (S3Exception e) {
                    if (e.statusCode() != 404) {
                        throw e;
                    }
                    createBucket(bucket);
                }
                return null;
            });
        }
    }

    private void createBucket(String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("created bucket {}", bucket);
        } catch (BucketAlreadyOwnedByYouException e) {
            log.debug("bucket {} appeared meanwhile", bucket);
        }
    }

    /** Cheap reachability check for health: lists at most one key of a bucket. */
    public void ping(String bucket) {
        call("ping " + bucket, () -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)));
    }

    private static void verifyEtag(String etag, byte[] md5, String bucket, String key) {
        if (etag == null) {
            return;
        }
        String bare = etag.replace("\"", "");
        // Plain ETags of single PUTs are the MD5; servers that encrypt (SSE-KMS) answer something else.
        if (bare.matches("[0-9a-fA-F]{32}") && !bare.equalsIgnoreCase(HexFormat.of().formatHex(md5))) {
            throw new IllegalStateException("checksum mismatch writing " + bucket + "/" + key
                    + ": server stored " + bare + ", sent " + HexFormat.of().formatHex(md5));
        }
    }

    static byte[] md5(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hexDigest(InputStream in, String algorithm) {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance(algorithm))) {
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest " + algorithm, e);
        }
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("object store unreachable (" + what + "): " + e.getMessage(), e);
        } catch (S3Exception e) {
            if (e.statusCode() >= 500 || e.statusCode() == 429) {
                throw new StorageUnavailableException("object store answered " + e.statusCode() + " (" + what + ")",
                        e);
            }
            throw e;
        }
    }

    /** A page of keys and the token for the next one (null at the end). */
    public record KeyPage(List<String> keys, String nextToken) {
    }

    /** A page of objects and the token for the next one (null at the end). */
    public record ObjectPage(List<ObjectInfo> objects, String nextToken) {
    }

    /** A presigned URL and when it stops working. */
    public record PresignedUrl(URI url, Instant expiresAt) {
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
