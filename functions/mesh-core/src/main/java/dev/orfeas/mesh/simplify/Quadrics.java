package dev.orfeas.mesh.simplify;

/**
 * Garland–Heckbert error quadrics, ten doubles per vertex (the upper triangle of a symmetric 4×4 matrix:
 * a², ab, ac, ad, b², bc, bd, c², cd, d²), kept right after the vertex's position in {@link WorkingMesh#vd}, and
 * the placement that minimises the error of a merged pair.
 */
final class Quadrics {

    /** Below this relative determinant the 3×3 system counts as singular and candidate points are tried. */
    private static final double MIN_RELATIVE_DET = 1e-10;
    /** An optimum further than this many edge lengths from the edge's midpoint is treated as ill-conditioned. */
    private static final double MAX_REACH = 1.0;

    private static final int S = WorkingMesh.STRIDE;
    private static final int Q = WorkingMesh.QUADRIC;

    private final double[] q;

    Quadrics(WorkingMesh mesh) {
        q = mesh.vd;
    }

    /** Adds w·(n·p + d)² for the plane n·p + d = 0 to vertex v's quadric. */
    void addPlane(int v, double nx, double ny, double nz, double d, double w) {
        int o = S * v + Q;
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
        int oa = S * a + Q;
        int ob = S * b + Q;
        for (int i = 0; i < 10; i++) {
            q[oa + i] += q[ob + i];
        }
    }

    /**
     * Finds where the merged vertex of edge (u, v) should go: the quadric optimum when the system is
     * well-conditioned and the optimum lies near the edge, else the best of midpoint and the two endpoints.
     *
     * @param out receives x, y, z
     * @return the quadric error at that point
     */
    double place(int u, int v, double[] out) {
        int ou = S * u + Q;
        int ov = S * v + Q;
        double[] m = q;
        double a00 = m[ou] + m[ov], a01 = m[ou + 1] + m[ov + 1], a02 = m[ou + 2] + m[ov + 2];
        double b0 = m[ou + 3] + m[ov + 3], a11 = m[ou + 4] + m[ov + 4], a12 = m[ou + 5] + m[ov + 5];
        double b1 = m[ou + 6] + m[ov + 6], a22 = m[ou + 7] + m[ov + 7], b2 = m[ou + 8] + m[ov + 8];
        double c = m[ou + 9] + m[ov + 9];
        double ux = m[S * u], uy = m[S * u + 1], uz = m[S * u + 2];
        double vx = m[S * v], vy = m[S * v + 1], vz = m[S * v + 2];
        double mx = 0.5 * (ux + vx), my = 0.5 * (uy + vy), mz = 0.5 * (uz + vz);
        // Cramer's rule for A p = −b, accepted when A is well-conditioned and p lies near the edge
        double c00 = a11 * a22 - a12 * a12, c01 = a02 * a12 - a01 * a22, c02 = a01 * a12 - a02 * a11;
        double det = a00 * c00 + a01 * c01 + a02 * c02;
        double scale = Math.abs(a00) + Math.abs(a11) + Math.abs(a22);
        if (Math.abs(det) > MIN_RELATIVE_DET * scale * scale * scale) {
            double c11 = a00 * a22 - a02 * a02, c12 = a01 * a02 - a00 * a12, c22 = a00 * a11 - a01 * a01;
            double inv = -1.0 / det;
            double x = (c00 * b0 + c01 * b1 + c02 * b2) * inv;
            double y = (c01 * b0 + c11 * b1 + c12 * b2) * inv;
            double z = (c02 * b0 + c12 * b1 + c22 * b2) * inv;
            double dx = x - mx, dy = y - my, dz = z - mz;
            double ex = vx - ux, ey = vy - uy, ez = vz - uz;
            if (dx * dx + dy * dy + dz * dz <= MAX_REACH * MAX_REACH * (ex * ex + ey * ey + ez * ez)) {
                out[0] = x;
                out[1] = y;
                out[2] = z;
                // at the optimum the error reduces to bᵀp + c
                return Math.max(0, b0 * x + b1 * y + b2 * z + c);
            }
        }
        double best = error(a00, a01, a02, a11, a12, a22, b0, b1, b2, c, mx, my, mz);
        out[0] = mx;
        out[1] = my;
        out[2] = mz;
        double eu = error(a00, a01, a02, a11, a12, a22, b0, b1, b2, c, ux, uy, uz);
        if (eu < best) {
            best = eu;
            out[0] = ux;
            out[1] = uy;
            out[2] = uz;
        }
        double ev = error(a00, a01, a02, a11, a12, a22, b0, b1, b2, c, vx, vy, vz);
        if (ev < best) {
            best = ev;
            out[0] = vx;
            out[1] = vy;
            out[2] = vz;
        }
        return Math.max(0, best);
    }

    /** pᵀ A p + 2 bᵀ p + c. */
    private static double error(double a00, double a01, double a02, double a11, double a12, double a22,
                                double b0, double b1, double b2, double c, double x, double y, double z) {
        return x * (a00 * x + a01 * y + a02 * z) + y * (a01 * x + a11 * y + a12 * z)
                + z * (a02 * x + a12 * y + a22 * z) + 2 * (b0 * x + b1 * y + b2 * z) + c;
    }
}
