package dev.orfeas.cloudevents;

/** A stored object by bucket and key, as event data names it ({@code {"bucket":…,"key":…}}). */
public record ObjectRef(String bucket, String key) {

    public ObjectRef {
        if (bucket == null || bucket.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("object reference needs a bucket and a key");
        }
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
