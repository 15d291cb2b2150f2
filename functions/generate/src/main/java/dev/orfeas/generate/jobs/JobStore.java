package dev.orfeas.generate.jobs;

import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.StoredObject;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;

/**
 * Jobs in the meshes bucket: {@code jobs/<id>.json} (the state, written whole: an S3 PUT replaces an object
 * atomically, so a reader sees the old or the new state, never half) and {@code jobs/<id>.image} (the upload,
 * until the job ends). Any replica reads the same state; a restart loses nothing.
 */
public class JobStore {

    static final String PREFIX = "jobs/";

    private final ObjectStore store;
    private final JsonMapper json;

    public JobStore(ObjectStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    public Optional<JobState> read(String id) {
        if (!JobIds.valid(id)) {
            return Optional.empty();
        }
        return store.get(bucket(), stateKey(id)).map(o -> json.readValue(o.bytes(), JobState.class));
    }

    void write(JobState state) {
        store.put(bucket(), ObjectWrite.of(stateKey(state.id()), json.writeValueAsBytes(state), "application/json"));
    }

    void putImage(String id, byte[] image, String contentType) {
        store.put(bucket(), ObjectWrite.of(imageKey(id), image,
                contentType == null ? "application/octet-stream" : contentType));
    }

    Optional<StoredObject> image(String id) {
        return store.get(bucket(), imageKey(id));
    }

    void deleteImage(String id) {
        store.deleteQuietly(bucket(), List.of(imageKey(id)));
    }

    void delete(String id) {
        store.deleteQuietly(bucket(), List.of(stateKey(id), imageKey(id)));
    }

    /** Every stored job's id (state files only). */
    List<String> ids() {
        return store.listAll(bucket(), PREFIX).stream().map(ObjectInfo::key)
                .filter(k -> k.endsWith(".json")).map(k -> k.substring(PREFIX.length(), k.length() - 5))
                .filter(JobIds::valid).toList();
    }

    private static String stateKey(String id) {
        return PREFIX + id + ".json";
    }

    private static String imageKey(String id) {
        return PREFIX + id + ".image";
    }

    private String bucket() {
        return store.properties().buckets().meshes();
    }
}
