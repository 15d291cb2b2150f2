package dev.orfeas.mesh.export;

import dev.orfeas.mesh.texture.TexturedMesh;

/** Writes a textured mesh in one format. Implementations are stateless and deterministic (same mesh, same bytes). */
public interface MeshExporter {

    /**
     * @param mesh     what to write
     * @param baseName file name stem for the model and its companions, e.g. {@code model}
     */
    MeshExport export(TexturedMesh mesh, String baseName);
}
