package dev.orfeas.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * An {@link ObjectStore} in memory, for unit tests that need no S3 server: ETags are the MD5 of the bytes (as a
 * single PUT's are), listings are in key order, presigned URLs are {@code memory://bucket/key}. {@link #failPuts}
 * makes writes of matching keys fail as an unreachable store would.
 */
public class MemoryStore extends ObjectStore {

    private final Map<String, ConcurrentSkipListMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private volatile Predicate<String> failPuts = key -> false;

    public MemoryStore() {
        this(defaults());
    }

    public MemoryStore(StorageProperties properties) {
        super(null, null, properties);
    }

    /** The defaults the app binds (buckets uploads, meshes, backups, failed). */
    public static StorageProperties defaults() {
        return new StorageProperties(null, "us-east-1", null, null, true, true, "when-supported",
                Duration.ofHours(1), org.springframework.util.unit.DataSize.ofMegabytes(16),
                org.springframework.util.unit.DataSize.ofMegabytes(8),
                new StorageProperties.Buckets("uploads", "meshes", "backups", "failed"));
    }

    public void failPuts(Predicate<String> keys) {
        this.failPuts = keys;
    }

    /** The keys of a bucket, in order. */
    public List<String> keys(String bucket) {
        return List.copyOf(bucket(bucket).keySet());
    }

    /** Overwrites an object's bytes in place (a damaged copy). */
    public void corrupt(String bucket, String key, byte[] bytes) {
        StoredObject old = bucket(bucket).get(key);
        bucket(bucket).put(key, new StoredObject(bucket, key, bytes, old.contentType(), old.metadata()));
    }

    private ConcurrentSkipListMap<String, StoredObject> bucket(String name) {
        return buckets.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>());
    }

    @Override
    public long put(String bucket, ObjectWrite write) {
        if (failPuts.test(write.key())) {
            throw new StorageUnavailableException("put " + bucket + "/" + write.key() + ": store unreachable", null);
        }
        store(bucket, write.key(), write.bytes(), write.contentType(), write.metadata());
        return write.bytes().length;
    }

    private void store(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        bucket(bucket).put(key, new StoredObject(bucket, key, bytes.clone(), contentType, new TreeMap<>(metadata)));
        written.put(bucket + "/" + key, Instant.now());
    }

    @Override
    public Optional<StoredObject> get(String bucket, String key) {
        return Optional.ofNullable(bucket(bucket).get(key));
    }

    @Override
    public boolean exists(String bucket, String key) {
        return bucket(bucket).containsKey(key);
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        return get(bucket, key).map(this::info);
    }

    private ObjectInfo info(StoredObject o) {
        return new ObjectInfo(o.key(), o.bytes().length, hex(o.bytes(), "MD5"), null,
                written.get(o.bucket() + "/" + o.key()));
    }

    @Override
    public KeyPage list(String bucket, String prefix, int limit, String token) {
        ObjectPage page = listObjects(bucket, prefix, limit, token);
        return new KeyPage(page.objects().stream().map(ObjectInfo::key).toList(), page.nextToken());
    }

    @Override
    public ObjectPage listObjects(String bucket, String prefix, int limit, String token) {
        List<ObjectInfo> objects = new ArrayList<>();
        var tail = token == null ? bucket(bucket).tailMap(prefix, true) : bucket(bucket).tailMap(token, false);
        for (StoredObject o : tail.values()) {
            if (!o.key().startsWith(prefix)) {
                break;
            }
            if (objects.size() == limit) {
                return new ObjectPage(objects, objects.getLast().key());
            }
            objects.add(info(o));
        }
        return new ObjectPage(objects, null);
    }

    @Override
    public List<ObjectInfo> listAll(String bucket, String prefix) {
        return listObjects(bucket, prefix, Integer.MAX_VALUE, null).objects();
    }

    @Override
    public String copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey) {
        StoredObject o = bucket(sourceBucket).get(sourceKey);
        store(targetBucket, targetKey, o.bytes(), o.contentType(), o.metadata());
        return hex(o.bytes(), "MD5");
    }

    @Override
    public void transferTo(ObjectStore target, String sourceBucket, String sourceKey, String targetBucket,
                           String targetKey) {
        StoredObject o = bucket(sourceBucket).get(sourceKey);
        target.put(targetBucket, new ObjectWrite(targetKey, o.bytes(), o.contentType(), null, o.metadata()));
    }

    @Override
    public String digest(String bucket, String key, String algorithm) {
        return hex(bucket(bucket).get(key).bytes(), algorithm);
    }

    @Override
    public void delete(String bucket, List<String> keys) {
        keys.forEach(bucket(bucket)::remove);
    }

    @Override
    public PresignedUrl presignGet(String bucket, String key, String downloadName) {
        String query = downloadName == null ? "" : "?name=" + URLEncoder.encode(downloadName, StandardCharsets.UTF_8);
        return new PresignedUrl(URI.create("memory://" + bucket + "/" + key.replace(" ", "%20") + query),
                Instant.now().plus(properties().presignExpiry()));
    }

    @Override
    public boolean bucketExists(String bucket) {
        return buckets.containsKey(bucket);
    }

    @Override
    public void ensureBuckets(List<String> names) {
        names.forEach(this::bucket);
    }

    @Override
    public void ping(String bucket) {
    }

    private static String hex(byte[] bytes, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
