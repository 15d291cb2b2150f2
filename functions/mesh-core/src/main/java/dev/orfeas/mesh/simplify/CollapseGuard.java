package dev.orfeas.mesh.simplify;

/**
 * Decides whether an edge may collapse: the link condition (topology kept), no vertex left with fewer than three
 * faces (so no component drops below a tetrahedron), and no surviving face flipped, squashed or made a sliver.
 */
final class CollapseGuard {

    /** A moved face whose unit normal turns so that old·new falls below this is a flip. */
    private static final double MIN_NORMAL_DOT = 0.2;
    /** Faces below this quality (1 for equilateral) may not be made, unless they were already worse. */
    private static final double MIN_QUALITY = 0.05;
    /** Absolute floor on twice a new face's area. */
    private static final double MIN_DOUBLE_AREA = 1e-10;
    private static final double QUALITY_SCALE = 2 * Math.sqrt(3);

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
        return findEdgeFaces(a, b) && topologyKept(a, b) && geometryKept(a, b, x, y, z)
                && geometryKept(b, a, x, y, z);
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
    private boolean geometryKept(int v, int other, double x, double y, double z) {
        double[] p = m.pos;
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
            double bx = p[3 * b], by = p[3 * b + 1], bz = p[3 * b + 2];
            double cx = p[3 * c], cy = p[3 * c + 1], cz = p[3 * c + 2];
            double ex = cx - bx, ey = cy - by, ez = cz - bz;
            double e2 = ex * ex + ey * ey + ez * ez;
            double ox = bx - p[3 * v], oy = by - p[3 * v + 1], oz = bz - p[3 * v + 2];
            double nx = x - bx, ny = y - by, nz = z - bz;
            // old normal (b − v) × (c − b), new normal (c − b) × (q − b): both the normal of winding v|q, b, c
            double onx = oy * ez - oz * ey, ony = oz * ex - ox * ez, onz = ox * ey - oy * ex;
            double nnx = ey * nz - ez * ny, nny = ez * nx - ex * nz, nnz = ex * ny - ey * nx;
            double oldLen = Math.sqrt(onx * onx + ony * ony + onz * onz);
            double newLen = Math.sqrt(nnx * nnx + nny * nny + nnz * nnz);
            if (newLen < MIN_DOUBLE_AREA || onx * nnx + ony * nny + onz * nnz < MIN_NORMAL_DOT * oldLen * newLen) {
                return false;
            }
            double fx = cx - x, fy = cy - y, fz = cz - z;
            double newQuality = QUALITY_SCALE * newLen / (nx * nx + ny * ny + nz * nz + e2 + fx * fx + fy * fy + fz * fz);
            if (newQuality < MIN_QUALITY) {
                double gx = cx - p[3 * v], gy = cy - p[3 * v + 1], gz = cz - p[3 * v + 2];
                double oldQuality = QUALITY_SCALE * oldLen / (ox * ox + oy * oy + oz * oz + e2 + gx * gx + gy * gy + gz * gz);
                if (newQuality < oldQuality) {
                    return false;
                }
            }
        }
        return true;
    }
}
