package dev.orfeas.mesh.simplify;

/**
 * Builds the starting quadrics: each face's plane, weighted by its area, on its three vertices; and on both ends
 * of every sharp edge (or open edge) the planes through the edge perpendicular to its faces, weighted by the squared
 * edge length. The second part is a mild penalty that keeps feature lines, such as the rim where a relief's front
 * and back meet, from being collapsed across.
 */
final class QuadricSetup {

    private static final int S = WorkingMesh.STRIDE;

    /** Edges whose face normals agree less than this (about 50°) count as sharp. */
    private static final double SHARP_DOT = 0.64;
    /** Weight of a feature constraint relative to a face plane of similar size. */
    private static final double FEATURE_WEIGHT = 2.0;

    private final WorkingMesh m;
    private final Quadrics quadrics;
    private final double[] normals;
    private double totalArea;

    private QuadricSetup(WorkingMesh mesh, Quadrics quadrics) {
        m = mesh;
        this.quadrics = quadrics;
        normals = new double[mesh.tri.length];
    }

    /** Fills the quadrics for the mesh and returns the mean face area. */
    static double build(WorkingMesh mesh, Quadrics quadrics) {
        QuadricSetup setup = new QuadricSetup(mesh, quadrics);
        setup.addFacePlanes();
        setup.addFeatureConstraints();
        int faces = mesh.tri.length / 3;
        return faces == 0 ? 0 : setup.totalArea / faces;
    }

    private void addFacePlanes() {
        double[] p = m.vd;
        int[] t = m.tri;
        for (int f = 0, faces = t.length / 3; f < faces; f++) {
            int a = t[3 * f], b = t[3 * f + 1], c = t[3 * f + 2];
            double ux = p[S * b] - p[S * a], uy = p[S * b + 1] - p[S * a + 1], uz = p[S * b + 2] - p[S * a + 2];
            double vx = p[S * c] - p[S * a], vy = p[S * c + 1] - p[S * a + 1], vz = p[S * c + 2] - p[S * a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len == 0) {
                continue;
            }
            nx /= len;
            ny /= len;
            nz /= len;
            normals[3 * f] = nx;
            normals[3 * f + 1] = ny;
            normals[3 * f + 2] = nz;
            double area = 0.5 * len;
            totalArea += area;
            double d = -(nx * p[S * a] + ny * p[S * a + 1] + nz * p[S * a + 2]);
            quadrics.addPlane(a, nx, ny, nz, d, area);
            quadrics.addPlane(b, nx, ny, nz, d, area);
            quadrics.addPlane(c, nx, ny, nz, d, area);
        }
    }

    /** Visits each edge once, from the face where it runs from the lower to the higher index. */
    private void addFeatureConstraints() {
        int[] t = m.tri;
        for (int f = 0, faces = t.length / 3; f < faces; f++) {
            for (int k = 0; k < 3; k++) {
                int a = t[3 * f + k];
                int b = t[3 * f + (k + 1) % 3];
                if (a >= b) {
                    continue;
                }
                int g = twin(f, a, b);
                if (g < 0) {
                    constrain(f, a, b);
                } else if (dot(f, g) < SHARP_DOT) {
                    constrain(f, a, b);
                    constrain(g, a, b);
                }
            }
        }
    }

    /** The other face on edge (a, b), or −1 if there is none. */
    private int twin(int f, int a, int b) {
        for (int i = 0, n = m.faceCount(b); i < n; i++) {
            int g = m.face(b, i);
            if (g != f && m.contains(g, a)) {
                return g;
            }
        }
        return -1;
    }

    private double dot(int f, int g) {
        return normals[3 * f] * normals[3 * g] + normals[3 * f + 1] * normals[3 * g + 1]
                + normals[3 * f + 2] * normals[3 * g + 2];
    }

    /** Adds the plane through edge (a, b) perpendicular to face f to both ends. */
    private void constrain(int f, int a, int b) {
        double[] p = m.vd;
        double ex = p[S * b] - p[S * a], ey = p[S * b + 1] - p[S * a + 1], ez = p[S * b + 2] - p[S * a + 2];
        double fx = normals[3 * f], fy = normals[3 * f + 1], fz = normals[3 * f + 2];
        double nx = ey * fz - ez * fy, ny = ez * fx - ex * fz, nz = ex * fy - ey * fx;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            return;
        }
        nx /= len;
        ny /= len;
        nz /= len;
        double d = -(nx * p[S * a] + ny * p[S * a + 1] + nz * p[S * a + 2]);
        double w = FEATURE_WEIGHT * (ex * ex + ey * ey + ez * ez);
        quadrics.addPlane(a, nx, ny, nz, d, w);
        quadrics.addPlane(b, nx, ny, nz, d, w);
    }
}
