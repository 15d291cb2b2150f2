package dev.orfeas.mesh.export;

import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small closed meshes for export tests, with planar UVs, a tiny PNG and colours derived from positions. */
public final class TestMeshes {

    private TestMeshes() {
    }

    /** A closed unit cube on 8 shared vertices, 12 outward triangles. */
    public static Mesh cube8() {
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = (v & 1) == 0 ? -0.5f : 0.5f;
            p[3 * v + 1] = (v & 2) == 0 ? -0.5f : 0.5f;
            p[3 * v + 2] = (v & 4) == 0 ? -0.5f : 0.5f;
        }
        int[] t = {
                0, 4, 6, 0, 6, 2, // -x
                1, 3, 7, 1, 7, 5, // +x
                0, 1, 5, 0, 5, 4, // -y
                2, 6, 7, 2, 7, 3, // +y
                0, 2, 3, 0, 3, 1, // -z
                4, 5, 7, 4, 7, 6, // +z
        };
        return new Mesh(p, t);
    }

    /** A unit cube with 4 vertices per side (24), so each side can carry its own UVs. */
    public static Mesh cube24() {
        // per side: normal n and axes u, v with u x v = n, so corners n + s·u + t·v run counter-clockwise
        int[][] sides = {
                {1, 0, 0, 0, 1, 0, 0, 0, 1}, {-1, 0, 0, 0, 0, 1, 0, 1, 0},
                {0, 1, 0, 0, 0, 1, 1, 0, 0}, {0, -1, 0, 1, 0, 0, 0, 0, 1},
                {0, 0, 1, 1, 0, 0, 0, 1, 0}, {0, 0, -1, 0, 1, 0, 1, 0, 0},
        };
        int[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        float[] p = new float[72];
        int[] t = new int[36];
        for (int side = 0; side < 6; side++) {
            int[] s = sides[side];
            for (int c = 0; c < 4; c++) {
                int at = 3 * (4 * side + c);
                for (int axis = 0; axis < 3; axis++) {
                    p[at + axis] = 0.5f * (s[axis] + corners[c][0] * s[3 + axis] + corners[c][1] * s[6 + axis]);
                }
            }
            int base = 4 * side;
            int[] quad = {base, base + 1, base + 2, base, base + 2, base + 3};
            System.arraycopy(quad, 0, t, 6 * side, 6);
        }
        return new Mesh(p, t);
    }

    /** A closed UV sphere of radius 0.5: two poles plus (stacks - 1) rings of {@code slices} vertices. */
    public static Mesh sphere(int stacks, int slices) {
        int rings = stacks - 1;
        int vertices = 2 + rings * slices;
        float[] p = new float[3 * vertices];
        p[1] = 0.5f; // north pole is vertex 0
        p[3 * (vertices - 1) + 1] = -0.5f; // south pole is the last
        for (int i = 1; i <= rings; i++) {
            double theta = Math.PI * i / stacks;
            for (int j = 0; j < slices; j++) {
                double phi = 2 * Math.PI * j / slices;
                int at = 3 * ring(i, j, slices);
                p[at] = (float) (0.5 * Math.sin(theta) * Math.cos(phi));
                p[at + 1] = (float) (0.5 * Math.cos(theta));
                p[at + 2] = (float) (0.5 * Math.sin(theta) * Math.sin(phi));
            }
        }
        int[] t = new int[3 * 2 * slices * rings];
        int f = 0;
        int south = vertices - 1;
        for (int j = 0; j < slices; j++) {
            int next = (j + 1) % slices;
            f = put(t, f, 0, ring(1, next, slices), ring(1, j, slices));
            for (int i = 1; i < rings; i++) {
                int a = ring(i, j, slices);
                int b = ring(i, next, slices);
                int c = ring(i + 1, j, slices);
                int d = ring(i + 1, next, slices);
                f = put(t, f, a, b, d);
                f = put(t, f, a, d, c);
            }
            f = put(t, f, ring(rings, j, slices), ring(rings, next, slices), south);
        }
        return new Mesh(p, t);
    }

    private static int ring(int i, int j, int slices) {
        return 1 + (i - 1) * slices + j;
    }

    private static int put(int[] t, int at, int a, int b, int c) {
        t[at] = a;
        t[at + 1] = b;
        t[at + 2] = c;
        return at + 3;
    }

    /** Front-projected UVs (v = 0 at the top), a tiny PNG and colours from positions. */
    public static TexturedMesh textured(Mesh mesh) {
        return textured(mesh, tinyPng());
    }

    public static TexturedMesh textured(Mesh mesh, byte[] png) {
        float[] b = mesh.bounds();
        int n = mesh.vertexCount();
        float[] uvs = new float[2 * n];
        byte[] colours = new byte[3 * n];
        for (int v = 0; v < n; v++) {
            float u = (mesh.x(v) - b[0]) / Math.max(b[3] - b[0], 1e-6f);
            float w = (b[4] - mesh.y(v)) / Math.max(b[4] - b[1], 1e-6f);
            uvs[2 * v] = u;
            uvs[2 * v + 1] = w;
            colours[3 * v] = (byte) Math.round(255 * u);
            colours[3 * v + 1] = (byte) Math.round(255 * w);
            colours[3 * v + 2] = (byte) (v * 37);
        }
        return new TexturedMesh(mesh, uvs, png, colours);
    }

    /** An 8 × 8 RGB gradient, PNG-encoded with ImageIO. */
    public static byte[] tinyPng() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (x * 32) << 16 | (y * 32) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
