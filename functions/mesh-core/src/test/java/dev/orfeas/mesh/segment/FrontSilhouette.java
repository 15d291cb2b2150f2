package dev.orfeas.mesh.segment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The silhouette a mesh shows from the front, in source-image pixels: every face rasterised at its texture
 * coordinates (UVs are front-projected, so the union of all faces in UV space is the front view), placed on the
 * image through the quality report's {@code foreground.frame}. Reads the engine's OBJ export.
 */
public final class FrontSilhouette {

    private FrontSilhouette() {
    }

    public static boolean[] of(byte[] obj, float[] frame, int width, int height) {
        List<float[]> uvs = new ArrayList<>();
        boolean[] inside = new boolean[width * height];
        for (String line : new String(obj, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("vt ")) {
                String[] p = line.trim().split("\\s+");
                // OBJ's v runs up from the bottom; the frame's rows run down
                float u = Float.parseFloat(p[1]);
                float v = 1 - Float.parseFloat(p[2]);
                uvs.add(new float[] {frame[0] + u * frame[2], frame[1] + v * frame[3]});
            } else if (line.startsWith("f ")) {
                String[] p = line.trim().split("\\s+");
                float[] a = uvs.get(uvIndex(p[1]));
                float[] b = uvs.get(uvIndex(p[2]));
                float[] c = uvs.get(uvIndex(p[3]));
                fill(inside, width, height, a, b, c);
            }
        }
        return inside;
    }

    private static int uvIndex(String corner) {
        return Integer.parseInt(corner.split("/")[1]) - 1;
    }

    /** Marks pixels whose centre lies in the triangle (either winding). */
    private static void fill(boolean[] inside, int w, int h, float[] a, float[] b, float[] c) {
        int minX = Math.max(0, (int) Math.floor(Math.min(a[0], Math.min(b[0], c[0]))));
        int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(a[0], Math.max(b[0], c[0]))));
        int minY = Math.max(0, (int) Math.floor(Math.min(a[1], Math.min(b[1], c[1]))));
        int maxY = Math.min(h - 1, (int) Math.ceil(Math.max(a[1], Math.max(b[1], c[1]))));
        double area = cross(a, b, c[0], c[1]);
        if (area == 0) {
            return;
        }
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double w0 = cross(b, c, px, py) / area;
                double w1 = cross(c, a, px, py) / area;
                double w2 = cross(a, b, px, py) / area;
                if (w0 >= 0 && w1 >= 0 && w2 >= 0) {
                    inside[y * w + x] = true;
                }
            }
        }
    }

    private static double cross(float[] p, float[] q, double x, double y) {
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    }

    public static double iou(boolean[] a, boolean[] b) {
        long both = 0, either = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                both++;
            }
            if (a[i] || b[i]) {
                either++;
            }
        }
        return either == 0 ? 0 : both / (double) either;
    }
}
