package dev.orfeas.mesh.quality;

import dev.orfeas.mesh.surface.Mesh;

import java.util.Arrays;

/** Computes {@link MeshCheck} for a mesh: the project's own watertightness checks, run on every mesh it makes. */
public final class MeshChecks {

    /** Faces with less area than this (in the mesh's units squared) count as degenerate. */
    private static final double MIN_AREA = 1e-12;

    private MeshChecks() {
    }

    public static MeshCheck check(Mesh mesh) {
        int[] t = mesh.triangles();
        int faces = mesh.faceCount();
        long[] directed = new long[3 * faces];
        int degenerate = 0;
        double volume = 0;
        for (int f = 0; f < faces; f++) {
            int a = t[3 * f];
            int b = t[3 * f + 1];
            int c = t[3 * f + 2];
            directed[3 * f] = key(a, b);
            directed[3 * f + 1] = key(b, c);
            directed[3 * f + 2] = key(c, a);
            if (a == b || b == c || a == c || area(mesh, a, b, c) < MIN_AREA) {
                degenerate++;
            }
            volume += signedTetraVolume(mesh, a, b, c);
        }
        long[] undirected = new long[directed.length];
        for (int i = 0; i < directed.length; i++) {
            undirected[i] = canonical(directed[i]);
        }
        Arrays.sort(undirected);
        Arrays.sort(directed);
        int boundary = 0;
        int nonManifold = 0;
        int edges = 0;
        for (int i = 0; i < undirected.length; ) {
            int j = i;
            while (j < undirected.length && undirected[j] == undirected[i]) {
                j++;
            }
            int uses = j - i;
            edges++;
            if (uses == 1) {
                boundary++;
            } else if (uses > 2) {
                nonManifold++;
            }
            i = j;
        }
        int misoriented = 0;
        for (int i = 1; i < directed.length; i++) {
            if (directed[i] == directed[i - 1]) {
                misoriented++;
            }
        }
        int usedVertices = countUsedVertices(mesh);
        int components = countComponents(mesh);
        int nonManifoldVertices = VertexFans.countNonManifoldVertices(mesh);
        return new MeshCheck(boundary, nonManifold, nonManifoldVertices, misoriented, degenerate, components,
                usedVertices - edges + faces, volume);
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    private static long canonical(long directedKey) {
        int from = (int) (directedKey >>> 32);
        int to = (int) directedKey;
        return from < to ? key(from, to) : key(to, from);
    }

    private static double area(Mesh m, int a, int b, int c) {
        double ux = m.x(b) - m.x(a), uy = m.y(b) - m.y(a), uz = m.z(b) - m.z(a);
        double vx = m.x(c) - m.x(a), vy = m.y(c) - m.y(a), vz = m.z(c) - m.z(a);
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    private static double signedTetraVolume(Mesh m, int a, int b, int c) {
        double ax = m.x(a), ay = m.y(a), az = m.z(a);
        double bx = m.x(b), by = m.y(b), bz = m.z(b);
        double cx = m.x(c), cy = m.y(c), cz = m.z(c);
        return (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6.0;
    }

    private static int countUsedVertices(Mesh mesh) {
        boolean[] used = new boolean[mesh.vertexCount()];
        int count = 0;
        for (int v : mesh.triangles()) {
            if (!used[v]) {
                used[v] = true;
                count++;
            }
        }
        return count;
    }

    private static int countComponents(Mesh mesh) {
        int[] parent = new int[mesh.vertexCount()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            union(parent, t[i], t[i + 1]);
            union(parent, t[i], t[i + 2]);
        }
        boolean[] used = new boolean[parent.length];
        for (int v : t) {
            used[v] = true;
        }
        int roots = 0;
        for (int v = 0; v < parent.length; v++) {
            if (used[v] && find(parent, v) == v) {
                roots++;
            }
        }
        return roots;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
