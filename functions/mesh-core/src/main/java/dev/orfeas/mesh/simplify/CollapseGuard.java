package dev.orfeas.mesh.simplify;

/**
 * Decides whether an edge may collapse: the link condition (topology kept), no vertex left with fewer than three
 * faces (so no component drops below a tetrahedron), and no surviving face flipped, squashed or made a sliver.
 */
final class CollapseGuard {

    private static final int S = WorkingMesh.STRIDE;

    /** A moved face whose unit normal turns so that old·new falls below this (0.2) is a flip; squared here. */
    private static final double MIN_NORMAL_DOT_SQUARED = 0.2 * 0.2;
    /**
     * Faces below quality 0.05 may not be made unless they were already worse. Quality is 4√3·area / Σ edge², 1 for
     * an equilateral triangle; with |n| = 2·area the test is 12·|n|² &lt; 0.05²·(Σ edge²)², free of square roots.
     */
    private static final double MIN_QUALITY_SQUARED = 0.05 * 0.05;
    /** Absolute floor on twice a new face's area (1e-10), squared. */
    private static final double MIN_DOUBLE_AREA_SQUARED = 1e-20;

    private final WorkingMesh m;
    private final int[] mark;
    private int token;

    /** The two faces on the edge, valid after {@link #allows} returned true. */
    int edgeFace0;
    int edgeFace1;

    CollapseGuard(WorkingMesh mesh) {
        m = mesh;
        mark = new int[mesh.vertexCount()];
    }

    boolean allows(int a, int b, double x, double y, double z) {
        return findEdgeFaces(a, b) && topologyKept(a, b) && geometryKept(a, x, y, z)
                && geometryKept(b, x, y, z);
    }

    private boolean findEdgeFaces(int a, int b) {
        int found = 0;
        for (int i = 0, n = m.faceCount(a); i < n; i++) {
            int f = m.face(a, i);
            if (m.contains(f, b)) {
                if (found == 0) {
                    edgeFace0 = f;
                } else if (found == 1) {
                    edgeFace1 = f;
                }
                found++;
            }
        }
        return found == 2;
    }

    /** Link condition: a and b share exactly the two neighbours opposite the edge; all valences stay ≥ 3. */
    private boolean topologyKept(int a, int b) {
        int c = m.opposite(edgeFace0, a, b);
        int d = m.opposite(edgeFace1, a, b);
        if (c == d || m.faceCount(c) <= 3 || m.faceCount(d) <= 3 || m.faceCount(a) + m.faceCount(b) - 4 < 3) {
            return false;
        }
        int t = ++token;
        for (int i = 0, n = m.faceCount(a); i < n; i++) {
            mark[m.next(m.face(a, i), a)] = t;
        }
        int common = 0;
        for (int i = 0, n = m.faceCount(b); i < n; i++) {
            int w = m.next(m.face(b, i), b);
            if (mark[w] == t) {
                if (w != c && w != d) {
                    return false;
                }
                common++;
            }
        }
        return common == 2;
    }

    /** Every face of v that survives keeps its orientation and a sane shape once v moves to (x, y, z). */
    private boolean geometryKept(int v, double x, double y, double z) {
        double[] p = m.vd;
        int[] t = m.tri;
        for (int i = 0, n = m.faceCount(v); i < n; i++) {
            int f = m.face(v, i);
            if (f == edgeFace0 || f == edgeFace1) {
                continue;
            }
            int o = 3 * f;
            int k = t[o] == v ? 0 : t[o + 1] == v ? 1 : 2;
            int b = t[o + (k + 1) % 3];
            int c = t[o + (k + 2) % 3];
            double bx = p[S * b], by = p[S * b + 1], bz = p[S * b + 2];
            double cx = p[S * c], cy = p[S * c + 1], cz = p[S * c + 2];
            double ex = cx - bx, ey = cy - by, ez = cz - bz;
            double e2 = ex * ex + ey * ey + ez * ez;
            double ox = bx - p[S * v], oy = by - p[S * v + 1], oz = bz - p[S * v + 2];
            double nx = x - bx, ny = y - by, nz = z - bz;
            // old normal (b − v) × (c − b), new normal (c − b) × (q − b): both the normal of winding v|q, b, c
            double onx = oy * ez - oz * ey, ony = oz * ex - ox * ez, onz = ox * ey - oy * ex;
            double nnx = ey * nz - ez * ny, nny = ez * nx - ex * nz, nnz = ex * ny - ey * nx;
            double old2 = onx * onx + ony * ony + onz * onz;
            double new2 = nnx * nnx + nny * nny + nnz * nnz;
            double dot = onx * nnx + ony * nny + onz * nnz;
            if (new2 < MIN_DOUBLE_AREA_SQUARED || dot < 0 || dot * dot < MIN_NORMAL_DOT_SQUARED * old2 * new2) {
                return false;
            }
            double fx = cx - x, fy = cy - y, fz = cz - z;
            double newSum = nx * nx + ny * ny + nz * nz + e2 + fx * fx + fy * fy + fz * fz;
            if (12 * new2 < MIN_QUALITY_SQUARED * newSum * newSum) {
                double gx = cx - p[S * v], gy = cy - p[S * v + 1], gz = cz - p[S * v + 2];
                double oldSum = ox * ox + oy * oy + oz * oz + e2 + gx * gx + gy * gy + gz * gz;
                if (new2 * oldSum * oldSum < old2 * newSum * newSum) {
                    return false;
                }
            }
        }
        return true;
    }
}
