package dev.orfeas.events.backup;

import java.util.ArrayList;
import java.util.List;

/** Backs up the objects of one generated mesh (the {@code mesh.generated} event names them), each verified. */
public class MeshBackup {

    private final VerifiedCopier copier;

    MeshBackup(VerifiedCopier copier) {
        this.copier = copier;
    }

    String backupBucket() {
        return copier.target().bucket();
    }

    List<VerifiedCopier.Copied> backup(String bucket, List<String> keys) {
        List<VerifiedCopier.Copied> result = new ArrayList<>();
        for (String key : keys) {
            result.add(copier.copy(bucket, key));
        }
        return result;
    }
}
