package dev.orfeas.cloudevents;

import java.util.List;

/** Data of {@code backup.completed} for a scheduled full backup (subject: the manifest key). */
public record FullBackupCompleted(String manifest, String backupBucket, int objects, int copied, int skipped,
                                  long bytes, long bytesCopied, long millis, List<String> prunedManifests) {

    public FullBackupCompleted {
        prunedManifests = List.copyOf(prunedManifests);
    }
}
