package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;

/**
 * Smooth per-vertex normals: the sum of the adjacent faces' normals weighted by face area, normalised. A vertex whose
 * sum has no length (unused, or only on degenerate faces) gets the direction from the mesh's centre to it, or +Z.
 */
final class VertexNormals {

    private static final double MIN_LENGTH_SQUARED = 1e-30;

    private VertexNormals() {
    }

    /** @return x, y, z per vertex, each of unit length */
    static float[] of(Mesh mesh) {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        double[] sum = new double[p.length];
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            double ux = p[b] - p[a];
            double uy = p[b + 1] - p[a + 1];
            double uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a];
            double vy = p[c + 1] - p[a + 1];
            double vz = p[c + 2] - p[a + 2];
            // The cross product's length is twice the face area: summing it weights by area.
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            add(sum, a, nx, ny, nz);
            add(sum, b, nx, ny, nz);
            add(sum, c, nx, ny, nz);
        }
        float[] normals = new float[p.length];
        float[] bounds = mesh.bounds();
        double cx = (bounds[0] + bounds[3]) / 2.0;
        double cy = (bounds[1] + bounds[4]) / 2.0;
        double cz = (bounds[2] + bounds[5]) / 2.0;
        for (int i = 0; i < p.length; i += 3) {
            if (!normalise(sum[i], sum[i + 1], sum[i + 2], normals, i)
                    && !normalise(p[i] - cx, p[i + 1] - cy, p[i + 2] - cz, normals, i)) {
                normals[i + 2] = 1f;
            }
        }
        return normals;
    }

    /** Unit normal of one face (counter-clockwise a, b, c), or zeros for a degenerate face. */
    static void faceNormal(float[] p, int a, int b, int c, float[] out) {
        int ia = 3 * a;
        int ib = 3 * b;
        int ic = 3 * c;
        double ux = p[ib] - p[ia];
        double uy = p[ib + 1] - p[ia + 1];
        double uz = p[ib + 2] - p[ia + 2];
        double vx = p[ic] - p[ia];
        double vy = p[ic + 1] - p[ia + 1];
        double vz = p[ic + 2] - p[ia + 2];
        if (!normalise(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx, out, 0)) {
            out[0] = 0f;
            out[1] = 0f;
            out[2] = 0f;
        }
    }

    private static void add(double[] sum, int at, double x, double y, double z) {
        sum[at] += x;
        sum[at + 1] += y;
        sum[at + 2] += z;
    }

    private static boolean normalise(double x, double y, double z, float[] out, int at) {
        double lengthSquared = x * x + y * y + z * z;
        if (!(lengthSquared > MIN_LENGTH_SQUARED) || !Double.isFinite(lengthSquared)) {
            return false;
        }
        double length = Math.sqrt(lengthSquared);
        out[at] = (float) (x / length);
        out[at + 1] = (float) (y / length);
        out[at + 2] = (float) (z / length);
        return true;
    }
}
