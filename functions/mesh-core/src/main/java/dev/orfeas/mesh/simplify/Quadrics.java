package dev.orfeas.mesh.simplify;

/**
 * Garland–Heckbert error quadrics, ten doubles per vertex (the upper triangle of a symmetric 4×4 matrix:
 * a², ab, ac, ad, b², bc, bd, c², cd, d²), and the placement that minimises the error of a merged pair.
 */
final class Quadrics {

    /** Below this relative determinant the 3×3 system counts as singular and candidate points are tried. */
    private static final double MIN_RELATIVE_DET = 1e-10;
    /** An optimum further than this many edge lengths from the edge's midpoint is treated as ill-conditioned. */
    private static final double MAX_REACH = 1.0;

    private final double[] q;
    private final double[] sum = new double[10];

    Quadrics(int vertexCount) {
        q = new double[10 * vertexCount];
    }

    /** Adds w·(n·p + d)² for the plane n·p + d = 0 to vertex v's quadric. */
    void addPlane(int v, double nx, double ny, double nz, double d, double w) {
        int o = 10 * v;
        q[o] += w * nx * nx;
        q[o + 1] += w * nx * ny;
        q[o + 2] += w * nx * nz;
        q[o + 3] += w * nx * d;
        q[o + 4] += w * ny * ny;
        q[o + 5] += w * ny * nz;
        q[o + 6] += w * ny * d;
        q[o + 7] += w * nz * nz;
        q[o + 8] += w * nz * d;
        q[o + 9] += w * d * d;
    }

    /** Vertex a takes on b's error as well (b is being merged into a). */
    void merge(int a, int b) {
        int oa = 10 * a;
        int ob = 10 * b;
        for (int i = 0; i < 10; i++) {
            q[oa + i] += q[ob + i];
        }
    }

    /**
     * Finds where the merged vertex of edge (u, v) should go: the quadric optimum when the system is
     * well-conditioned and the optimum lies near the edge, else the best of midpoint and the two endpoints.
     *
     * @param pos positions, three per vertex
     * @param out receives x, y, z
     * @return the quadric error at that point
     */
    double place(int u, int v, double[] pos, double[] out) {
        int ou = 10 * u;
        int ov = 10 * v;
        double[] s = sum;
        for (int i = 0; i < 10; i++) {
            s[i] = q[ou + i] + q[ov + i];
        }
        double ux = pos[3 * u], uy = pos[3 * u + 1], uz = pos[3 * u + 2];
        double vx = pos[3 * v], vy = pos[3 * v + 1], vz = pos[3 * v + 2];
        double mx = 0.5 * (ux + vx), my = 0.5 * (uy + vy), mz = 0.5 * (uz + vz);
        if (solve(s, out)) {
            double dx = out[0] - mx, dy = out[1] - my, dz = out[2] - mz;
            double ex = vx - ux, ey = vy - uy, ez = vz - uz;
            double reach = MAX_REACH * MAX_REACH * (ex * ex + ey * ey + ez * ez);
            if (dx * dx + dy * dy + dz * dz <= reach) {
                return Math.max(0, error(s, out[0], out[1], out[2]));
            }
        }
        double best = error(s, mx, my, mz);
        out[0] = mx;
        out[1] = my;
        out[2] = mz;
        double eu = error(s, ux, uy, uz);
        if (eu < best) {
            best = eu;
            out[0] = ux;
            out[1] = uy;
            out[2] = uz;
        }
        double ev = error(s, vx, vy, vz);
        if (ev < best) {
            best = ev;
            out[0] = vx;
            out[1] = vy;
            out[2] = vz;
        }
        return Math.max(0, best);
    }

    /** pᵀ A p + 2 bᵀ p + c for the quadric s. */
    private static double error(double[] s, double x, double y, double z) {
        return x * (s[0] * x + s[1] * y + s[2] * z) + y * (s[1] * x + s[4] * y + s[5] * z)
                + z * (s[2] * x + s[5] * y + s[7] * z) + 2 * (s[3] * x + s[6] * y + s[8] * z) + s[9];
    }

    /** Solves A p = −b by Cramer's rule; false when A is (nearly) singular. */
    private static boolean solve(double[] s, double[] out) {
        double a00 = s[0], a01 = s[1], a02 = s[2], a11 = s[4], a12 = s[5], a22 = s[7];
        double c00 = a11 * a22 - a12 * a12;
        double c01 = a02 * a12 - a01 * a22;
        double c02 = a01 * a12 - a02 * a11;
        double det = a00 * c00 + a01 * c01 + a02 * c02;
        double scale = Math.abs(a00) + Math.abs(a11) + Math.abs(a22);
        if (!(Math.abs(det) > MIN_RELATIVE_DET * scale * scale * scale)) {
            return false;
        }
        double c11 = a00 * a22 - a02 * a02;
        double c12 = a01 * a02 - a00 * a12;
        double c22 = a00 * a11 - a01 * a01;
        double bx = -s[3], by = -s[6], bz = -s[8];
        double inv = 1.0 / det;
        out[0] = (c00 * bx + c01 * by + c02 * bz) * inv;
        out[1] = (c01 * bx + c11 * by + c12 * bz) * inv;
        out[2] = (c02 * bx + c12 * by + c22 * bz) * inv;
        return true;
    }
}
