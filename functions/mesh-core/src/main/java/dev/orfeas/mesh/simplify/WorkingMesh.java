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
    /**
     * Every vertex's live faces in one arena, so a fan and its count share cache lines: the block at
     * {@code fanStart[v]} holds the count, the capacity, then the faces. A fan that outgrows its block moves to a
     * bigger one at the end.
     */
    private int[] fans;
    private final int[] fanStart;
    private int fansUsed;
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
        int[] valence = new int[vertices];
        for (int v : tri) {
            valence[v]++;
        }
        fanStart = new int[vertices];
        int used = 0;
        for (int v = 0; v < vertices; v++) {
            fanStart[v] = used;
            used += 2 + valence[v] + 2;
        }
        fans = new int[used + used / 4 + 16];
        fansUsed = used;
        for (int v = 0; v < vertices; v++) {
            fans[fanStart[v] + 1] = valence[v] + 2;
        }
        for (int f = 0; f < faceTotal; f++) {
            for (int k = 0; k < 3; k++) {
                int s = fanStart[tri[3 * f + k]];
                fans[s + 2 + fans[s]++] = f;
            }
        }
    }

    int vertexCount() {
        return fanStart.length;
    }

    int liveFaces() {
        return liveFaces;
    }

    int faceCount(int v) {
        return fans[fanStart[v]];
    }

    int face(int v, int i) {
        return fans[fanStart[v] + 2 + i];
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
        int sb = fanStart[b];
        int nb = fans[sb];
        for (int i = 0; i < nb; i++) {
            int f = fans[sb + 2 + i];
            int o = 3 * f;
            for (int k = 0; k < 3; k++) {
                if (tri[o + k] == b) {
                    tri[o + k] = a;
                }
            }
            add(a, f);
        }
        fans[fanStart[b]] = 0;
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

    /** Removes f from v's fan, keeping the order of the rest (the order decides which edges queue first). */
    private void remove(int v, int f) {
        int[] list = fans;
        int s = fanStart[v] + 2;
        int end = s + list[s - 2];
        int i = s;
        while (list[i] != f) {
            i++;
        }
        for (; i < end - 1; i++) {
            list[i] = list[i + 1];
        }
        list[s - 2]--;
    }

    private void add(int v, int f) {
        int s = fanStart[v];
        int n = fans[s];
        if (n == fans[s + 1]) {
            s = grow(v, 2 * n + 4);
        }
        fans[s + 2 + n] = f;
        fans[s] = n + 1;
    }

    /** Moves v's fan to a new block at the end of the arena with room for {@code capacity} faces. */
    private int grow(int v, int capacity) {
        int old = fanStart[v];
        int n = fans[old];
        if (fansUsed + 2 + capacity > fans.length) {
            fans = Arrays.copyOf(fans, 2 * (fansUsed + 2 + capacity));
        }
        int s = fansUsed;
        fansUsed += 2 + capacity;
        System.arraycopy(fans, old, fans, s, 2 + n);
        fans[s + 1] = capacity;
        fanStart[v] = s;
        return s;
    }
}
