package dev.orfeas.cloudevents;

import java.util.List;

/**
 * Data of {@code mesh.generated} (subject: the mesh id): where the stored mesh is. Backup copies {@code files} and
 * {@code metaKey}; notify links {@code bucket}/{@code key}.
 *
 * @param key     the model file
 * @param metaKey the mesh's {@code meta.json}
 * @param files   every stored file, model first
 * @param source  the image it was made from
 * @param cached  answered from storage, nothing generated
 */
public record MeshGenerated(String id, String bucket, String key, String metaKey, String format, List<String> files,
                            ObjectRef source, boolean cached) {

    public MeshGenerated {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
