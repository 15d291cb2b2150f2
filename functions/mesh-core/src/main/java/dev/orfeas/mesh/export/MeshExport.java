package dev.orfeas.mesh.export;

import java.util.List;

/**
 * The files one export produced. {@link #primary()} is the model itself; OBJ adds its MTL and texture as companions.
 */
public record MeshExport(ExportedFile primary, List<ExportedFile> companions) {

    public MeshExport {
        companions = List.copyOf(companions);
    }

    public static MeshExport single(ExportedFile primary) {
        return new MeshExport(primary, List.of());
    }
}
