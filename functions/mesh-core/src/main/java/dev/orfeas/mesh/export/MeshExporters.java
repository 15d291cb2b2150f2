package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;

/** The exporter for each {@link MeshFormat}. Exporters are stateless and shared. */
public final class MeshExporters {

    private static final MeshExporter GLB = new GlbExporter();
    private static final MeshExporter OBJ = new ObjExporter();
    private static final MeshExporter STL = new StlExporter();
    private static final MeshExporter PLY = new PlyExporter();

    private MeshExporters() {
    }

    public static MeshExporter forFormat(MeshFormat format) {
        return switch (format) {
            case GLB -> GLB;
            case OBJ -> OBJ;
            case STL -> STL;
            case PLY -> PLY;
        };
    }
}
