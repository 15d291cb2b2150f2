package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

import java.util.Arrays;

/**
 * The mutable mesh being simplified: per-vertex doubles (position, then the error quadric), triangles with alive
 * flags, and for every vertex the list of its live faces (growable int arrays, no boxing). Collapses merge one
 * vertex into another in place.
 */
final class WorkingMesh {

    /** Doubles per vertex in {@link #vd}: x, y, z, then the ten quadric terms; together so one fetch serves both. */
    static final int STRIDE = 13;
    /** Offset of the quadric within a vertex's doubles. */
    static final int QUADRIC = 3;

    /** Vertex data, {@link #STRIDE} doubles per vertex. */
    final double[] vd;
    final int[] tri;
    final boolean[] faceAlive;
    private final int[][] faces;
    private final int[] faceCount;
    private int liveFaces;

    WorkingMesh(Mesh mesh) {
        float[] p = mesh.positions();
        int vertices = mesh.vertexCount();
        vd = new double[STRIDE * vertices];
        for (int v = 0; v < vertices; v++) {
            vd[STRIDE * v] = p[3 * v];
            vd[STRIDE * v + 1] = p[3 * v + 1];
            vd[STRIDE * v + 2] = p[3 * v + 2];
        }
        tri = mesh.triangles().clone();
        int faceTotal = mesh.faceCount();
        faceAlive = new boolean[faceTotal];
        Arrays.fill(faceAlive, true);
        liveFaces = faceTotal;
        faceCount = new int[vertices];
        for (int v : tri) {
            faceCount[v]++;
        }
        faces = new int[vertices][];
        for (int v = 0; v < vertices; v++) {
            faces[v] = new int[faceCount[v] + 2];
        }
        Arrays.fill(faceCount, 0);
        for (int f = 0; f < faceTotal; f++) {
            for (int k = 0; k < 3; k++) {
                int v = tri[3 * f + k];
                faces[v][faceCount[v]++] = f;
            }
        }
    }

    int vertexCount() {
        return faceCount.length;
    }

    int liveFaces() {
        return liveFaces;
    }

    int faceCount(int v) {
        return faceCount[v];
    }

    int face(int v, int i) {
        return faces[v][i];
    }

    /** The vertex after v in face f's counter-clockwise order; over v's fan each neighbour comes up once. */
    int next(int f, int v) {
        int o = 3 * f;
        return tri[o] == v ? tri[o + 1] : tri[o + 1] == v ? tri[o + 2] : tri[o];
    }

    /** The vertex of face f that is neither a nor b. */
    int opposite(int f, int a, int b) {
        int o = 3 * f;
        int x = tri[o];
        if (x != a && x != b) {
            return x;
        }
        x = tri[o + 1];
        return x != a && x != b ? x : tri[o + 2];
    }

    boolean contains(int f, int v) {
        int o = 3 * f;
        return tri[o] == v || tri[o + 1] == v || tri[o + 2] == v;
    }

    /**
     * Merges b into a at (x, y, z): the two faces on edge ab (f0, f1) go, b's other faces now use a.
     */
    void collapse(int a, int b, double x, double y, double z, int f0, int f1) {
        kill(f0);
        kill(f1);
        int[] fb = faces[b];
        int nb = faceCount[b];
        for (int i = 0; i < nb; i++) {
            int f = fb[i];
            int o = 3 * f;
            for (int k = 0; k < 3; k++) {
                if (tri[o + k] == b) {
                    tri[o + k] = a;
                }
            }
            add(a, f);
        }
        faceCount[b] = 0;
        faces[b] = null;
        vd[STRIDE * a] = x;
        vd[STRIDE * a + 1] = y;
        vd[STRIDE * a + 2] = z;
    }

    private void kill(int f) {
        faceAlive[f] = false;
        liveFaces--;
        int o = 3 * f;
        for (int k = 0; k < 3; k++) {
            remove(tri[o + k], f);
        }
    }

    private void remove(int v, int f) {
        int[] list = faces[v];
        int n = faceCount[v];
        for (int i = 0; i < n; i++) {
            if (list[i] == f) {
                System.arraycopy(list, i + 1, list, i, n - i - 1);
                faceCount[v] = n - 1;
                return;
            }
        }
    }

    private void add(int v, int f) {
        int[] list = faces[v];
        int n = faceCount[v];
        if (n == list.length) {
            list = Arrays.copyOf(list, 2 * n + 4);
            faces[v] = list;
        }
        list[n] = f;
        faceCount[v] = n + 1;
    }
}
