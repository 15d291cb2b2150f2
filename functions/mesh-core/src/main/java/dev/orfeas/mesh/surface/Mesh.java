package dev.orfeas.mesh.surface;

/**
 * An indexed triangle mesh. Triangles are counter-clockwise seen from outside (outward normals).
 * Arrays are owned by the mesh once constructed; callers must not change them.
 *
 * @param positions x, y, z per vertex
 * @param triangles three vertex indices per face
 */
public record Mesh(float[] positions, int[] triangles) {

    public Mesh {
        if (positions.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("positions and triangles must come in threes");
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return triangles.length / 3;
    }

    public float x(int vertex) {
        return positions[3 * vertex];
    }

    public float y(int vertex) {
        return positions[3 * vertex + 1];
    }

    public float z(int vertex) {
        return positions[3 * vertex + 2];
    }

    /** Axis-aligned bounds as {minX, minY, minZ, maxX, maxY, maxZ}. */
    public float[] bounds() {
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE,
                -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < positions.length; i += 3) {
            for (int axis = 0; axis < 3; axis++) {
                b[axis] = Math.min(b[axis], positions[i + axis]);
                b[axis + 3] = Math.max(b[axis + 3], positions[i + axis]);
            }
        }
        return b;
    }
}
