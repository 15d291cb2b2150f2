package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Closed, outward-oriented meshes built in code for the simplifier's tests and benchmark. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** Unit icosphere, 20·4^levels faces. */
    static Mesh sphere(int levels) {
        double g = (1 + Math.sqrt(5)) / 2;
        double[][] start = {{-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g}, {0, -1, -g},
                {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}};
        int[] faces = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        int vertexTotal = 10 * (1 << (2 * levels)) + 2;
        double[] p = new double[3 * vertexTotal];
        int count = 0;
        for (double[] v : start) {
            count = addUnit(p, count, v[0], v[1], v[2]);
        }
        for (int level = 0; level < levels; level++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[faces.length * 4];
            for (int f = 0; f < faces.length / 3; f++) {
                int a = faces[3 * f], b = faces[3 * f + 1], c = faces[3 * f + 2];
                int[] mids = new int[3];
                int[][] edges = {{a, b}, {b, c}, {c, a}};
                for (int e = 0; e < 3; e++) {
                    int u = Math.min(edges[e][0], edges[e][1]);
                    int w = Math.max(edges[e][0], edges[e][1]);
                    Integer known = midpoints.get(((long) u << 32) | w);
                    if (known == null) {
                        known = count;
                        count = addUnit(p, count, p[3 * u] + p[3 * w], p[3 * u + 1] + p[3 * w + 1],
                                p[3 * u + 2] + p[3 * w + 2]);
                        midpoints.put(((long) u << 32) | w, known);
                    }
                    mids[e] = known;
                }
                int[] four = {a, mids[0], mids[2], b, mids[1], mids[0], c, mids[2], mids[1],
                        mids[0], mids[1], mids[2]};
                System.arraycopy(four, 0, next, 12 * f, 12);
            }
            faces = next;
        }
        return new Mesh(toFloats(p, count), faces);
    }

    private static int addUnit(double[] p, int index, double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        p[3 * index] = x / len;
        p[3 * index + 1] = y / len;
        p[3 * index + 2] = z / len;
        return index + 1;
    }

    /** Torus around z with major radius big, minor radius small, nu × nv quads. */
    static Mesh torus(double big, double small, int nu, int nv) {
        float[] p = new float[3 * nu * nv];
        for (int i = 0; i < nu; i++) {
            for (int j = 0; j < nv; j++) {
                double u = 2 * Math.PI * i / nu, v = 2 * Math.PI * j / nv;
                int o = 3 * (i * nv + j);
                p[o] = (float) ((big + small * Math.cos(v)) * Math.cos(u));
                p[o + 1] = (float) ((big + small * Math.cos(v)) * Math.sin(u));
                p[o + 2] = (float) (small * Math.sin(v));
            }
        }
        int[] t = new int[6 * nu * nv];
        int k = 0;
        for (int i = 0; i < nu; i++) {
            for (int j = 0; j < nv; j++) {
                int a = i * nv + j, b = ((i + 1) % nu) * nv + j;
                int c = ((i + 1) % nu) * nv + (j + 1) % nv, d = i * nv + (j + 1) % nv;
                k = quad(t, k, a, b, c, d);
            }
        }
        return new Mesh(p, t);
    }

    /** The same mesh twice, the second copy moved along x. */
    static Mesh twoApart(Mesh m, float dx) {
        int n = m.vertexCount();
        float[] p = Arrays.copyOf(m.positions(), 6 * n);
        for (int v = 0; v < n; v++) {
            p[3 * (n + v)] = m.x(v) + dx;
            p[3 * (n + v) + 1] = m.y(v);
            p[3 * (n + v) + 2] = m.z(v);
        }
        int[] t = Arrays.copyOf(m.triangles(), 2 * m.triangles().length);
        for (int i = 0; i < m.triangles().length; i++) {
            t[m.triangles().length + i] = m.triangles()[i] + n;
        }
        return new Mesh(p, t);
    }

    /** Flat slab over [-0.5, 0.5]² with front at z = +t, back at z = −t and a one-quad-high side wall. */
    static Mesh slab(int cells, double t) {
        return heightSlab(cells, (x, y) -> t, (x, y) -> -t);
    }

    /** A relief-like closed surface: a bumpy front and back height field joined at a sharp rim by a side wall. */
    static Mesh relief(int cells) {
        return heightSlab(cells,
                (x, y) -> 0.02 + 0.15 * bump(x, y) * (1 + 0.2 * Math.sin(9 * x) * Math.cos(7 * y)),
                (x, y) -> -0.02 - 0.05 * bump(x, y));
    }

    private static double bump(double x, double y) {
        return Math.cos(Math.PI * x) * Math.cos(Math.PI * y);
    }

    interface Height {
        double at(double x, double y);
    }

    /** Grid of (cells+1)² vertices per sheet over [-0.5, 0.5]²; the back sheet's vertices follow the front's. */
    static Mesh heightSlab(int cells, Height front, Height back) {
        int side = cells + 1;
        int sheet = side * side;
        float[] p = new float[6 * sheet];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                double x = -0.5 + (double) i / cells, y = -0.5 + (double) j / cells;
                int v = j * side + i;
                p[3 * v] = (float) x;
                p[3 * v + 1] = (float) y;
                p[3 * v + 2] = (float) front.at(x, y);
                p[3 * (sheet + v)] = (float) x;
                p[3 * (sheet + v) + 1] = (float) y;
                p[3 * (sheet + v) + 2] = (float) back.at(x, y);
            }
        }
        int[] t = new int[12 * cells * cells + 24 * cells];
        int k = 0;
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                int a = j * side + i, b = a + 1, c = a + side + 1, d = a + side;
                k = quad(t, k, a, b, c, d);
                k = quad(t, k, sheet + a, sheet + d, sheet + c, sheet + b);
            }
        }
        int[] ring = new int[4 * cells];
        int r = 0;
        for (int i = 0; i < cells; i++) {
            ring[r++] = i;
        }
        for (int j = 0; j < cells; j++) {
            ring[r++] = j * side + cells;
        }
        for (int i = cells; i > 0; i--) {
            ring[r++] = cells * side + i;
        }
        for (int j = cells; j > 0; j--) {
            ring[r++] = j * side;
        }
        for (int s = 0; s < ring.length; s++) {
            int p0 = ring[s], p1 = ring[(s + 1) % ring.length];
            k = quad(t, k, p0, sheet + p0, sheet + p1, p1);
        }
        return new Mesh(p, t);
    }

    private static int quad(int[] t, int k, int a, int b, int c, int d) {
        t[k++] = a;
        t[k++] = b;
        t[k++] = c;
        t[k++] = a;
        t[k++] = c;
        t[k++] = d;
        return k;
    }

    private static float[] toFloats(double[] p, int count) {
        float[] f = new float[3 * count];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }
}
