package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;

/** Argument checks every exporter makes before writing a byte. */
final class ExportChecks {

    private ExportChecks() {
    }

    /**
     * A base name becomes a file name and, for OBJ, a reference inside the model: it must be a plain, non-blank name
     * without path separators or control characters.
     */
    static String requireBaseName(String baseName) {
        if (baseName == null || baseName.isBlank()) {
            throw new IllegalArgumentException("base name must not be blank");
        }
        for (int i = 0; i < baseName.length(); i++) {
            char c = baseName.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("base name must be a plain file name: '" + baseName + "'");
            }
        }
        if (baseName.equals(".") || baseName.equals("..")) {
            throw new IllegalArgumentException("base name must be a plain file name: '" + baseName + "'");
        }
        return baseName;
    }

    /** Every triangle corner must name an existing vertex; a bad index would otherwise surface deep in a writer. */
    static void requireIndicesInRange(Mesh mesh) {
        int vertices = mesh.vertexCount();
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 0 || t[i] >= vertices) {
                throw new IllegalArgumentException(
                        "triangle " + i / 3 + " names vertex " + t[i] + " of " + vertices);
            }
        }
    }

    /** NaN or infinite coordinates make every format's readers fail in their own way: refuse them here. */
    static void requireFinitePositions(Mesh mesh) {
        float[] p = mesh.positions();
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                throw new IllegalArgumentException("vertex " + i / 3 + " has a non-finite coordinate");
            }
        }
    }

    /** The checks every exporter needs: a plain base name, finite positions, indices in range. */
    static void requireExportable(Mesh mesh, String baseName) {
        requireBaseName(baseName);
        requireFinitePositions(mesh);
        requireIndicesInRange(mesh);
    }
}
