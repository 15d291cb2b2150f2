package dev.orfeas.cloudevents;

import java.util.List;

/** Data of {@code backup.completed} for one mesh (subject: the mesh id): each object copied and verified. */
public record MeshBackedUp(String meshId, String bucket, String backupBucket, List<Copy> objects, long copied,
                           long skipped) {

    public MeshBackedUp {
        objects = List.copyOf(objects);
    }

    /** One object's verified copy; {@code skipped}: the backup already held it. */
    public record Copy(String key, String backupKey, long size, String checksum, boolean skipped) {
    }
}
