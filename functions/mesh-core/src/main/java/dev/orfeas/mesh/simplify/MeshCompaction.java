package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

/**
 * Turns the working mesh back into a {@link Mesh}: live faces in their original order, and only the vertices they
 * use, in their original order.
 */
final class MeshCompaction {

    private MeshCompaction() {
    }

    static Mesh compact(WorkingMesh m) {
        int[] remap = new int[m.vertexCount()];
        for (int f = 0; f < m.faceAlive.length; f++) {
            if (m.faceAlive[f]) {
                remap[m.tri[3 * f]] = 1;
                remap[m.tri[3 * f + 1]] = 1;
                remap[m.tri[3 * f + 2]] = 1;
            }
        }
        int used = 0;
        for (int v = 0; v < remap.length; v++) {
            remap[v] = remap[v] == 1 ? used++ : -1;
        }
        float[] positions = new float[3 * used];
        for (int v = 0; v < remap.length; v++) {
            int r = remap[v];
            if (r >= 0) {
                positions[3 * r] = (float) m.vd[WorkingMesh.STRIDE * v];
                positions[3 * r + 1] = (float) m.vd[WorkingMesh.STRIDE * v + 1];
                positions[3 * r + 2] = (float) m.vd[WorkingMesh.STRIDE * v + 2];
            }
        }
        int[] triangles = new int[3 * m.liveFaces()];
        int out = 0;
        for (int f = 0; f < m.faceAlive.length; f++) {
            if (m.faceAlive[f]) {
                triangles[out++] = remap[m.tri[3 * f]];
                triangles[out++] = remap[m.tri[3 * f + 1]];
                triangles[out++] = remap[m.tri[3 * f + 2]];
            }
        }
        return new Mesh(positions, triangles);
    }
}
