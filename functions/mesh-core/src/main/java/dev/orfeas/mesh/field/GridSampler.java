package dev.orfeas.mesh.field;

import dev.orfeas.mesh.foreground.Foreground;
import dev.orfeas.mesh.foreground.Mask;

import java.awt.image.BufferedImage;

/**
 * Lays the surface grid over the object's bounding box: the longest side gets {@code gridSize} cells, plus a
 * one-cell empty frame. Each cell takes the silhouette by majority of 3×3 samples and the mean colour of its
 * samples on the object.
 */
public final class GridSampler {

    private static final int SAMPLES = 3;
    /** The surface is built with about this many times the faces asked for, then simplified down. */
    private static final double OVERSAMPLING = 3.0;
    private static final int MIN_GRID = 32;

    private GridSampler() {
    }

    /**
     * Cells on the longest side: enough that the raw surface (4 faces per inside cell) has about three times the
     * face budget — more only costs simplification time — and never more than the quality's grid.
     */
    public static int sizeFor(Foreground foreground, int maxGrid, int targetFaces) {
        Mask mask = foreground.mask();
        int[] box = mask.bounds();
        double w = box[2] - box[0] + 1;
        double h = box[3] - box[1] + 1;
        double fill = mask.count() / (w * h);
        double shortOverLong = Math.min(w, h) / Math.max(w, h);
        double insideCells = OVERSAMPLING * targetFaces / 4;
        int side = (int) Math.ceil(Math.sqrt(insideCells / (fill * shortOverLong)));
        return Math.max(MIN_GRID, Math.min(maxGrid, side));
    }

    public static FieldGrid sample(BufferedImage source, Foreground foreground, int gridSize) {
        Mask mask = foreground.mask();
        int[] box = mask.bounds();
        double scale = foreground.scale();
        double x0 = box[0] * scale;
        double y0 = box[1] * scale;
        double boxW = Math.min(source.getWidth(), (box[2] + 1) * scale) - x0;
        double boxH = Math.min(source.getHeight(), (box[3] + 1) * scale) - y0;
        double cellSize = Math.max(boxW, boxH) / gridSize;
        int innerW = Math.max(1, (int) Math.ceil(boxW / cellSize - 1e-9));
        int innerH = Math.max(1, (int) Math.ceil(boxH / cellSize - 1e-9));
        int w = innerW + 2;
        int h = innerH + 2;
        double originX = x0 - cellSize;
        double originY = y0 - cellSize;
        boolean[] inside = new boolean[w * h];
        float[] r = new float[w * h], g = new float[w * h], b = new float[w * h], lum = new float[w * h];
        for (int cy = 1; cy <= innerH; cy++) {
            for (int cx = 1; cx <= innerW; cx++) {
                int i = cy * w + cx;
                int votes = 0;
                double sr = 0, sg = 0, sb = 0;
                double ir = 0, ig = 0, ib = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        double px = originX + (cx + (sx + 0.5) / SAMPLES) * cellSize;
                        double py = originY + (cy + (sy + 0.5) / SAMPLES) * cellSize;
                        int argb = source.getRGB(clamp((int) px, source.getWidth()), clamp((int) py, source.getHeight()));
                        double red = ((argb >> 16) & 0xff) / 255.0;
                        double green = ((argb >> 8) & 0xff) / 255.0;
                        double blue = (argb & 0xff) / 255.0;
                        sr += red;
                        sg += green;
                        sb += blue;
                        if (mask.get((int) (px / scale), (int) (py / scale))) {
                            votes++;
                            ir += red;
                            ig += green;
                            ib += blue;
                        }
                    }
                }
                int n = SAMPLES * SAMPLES;
                inside[i] = 2 * votes > n;
                // A cell on the silhouette takes the object's colour, not the backdrop's.
                r[i] = (float) (votes > 0 ? ir / votes : sr / n);
                g[i] = (float) (votes > 0 ? ig / votes : sg / n);
                b[i] = (float) (votes > 0 ? ib / votes : sb / n);
                lum[i] = 0.2126f * r[i] + 0.7152f * g[i] + 0.0722f * b[i];
            }
        }
        makeWellComposed(inside, w, h);
        return new FieldGrid(w, h, inside, r, g, b, lum, originX, originY, cellSize);
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /**
     * Inside cells that touch only at a corner would share a vertex between two separate fans (a non-manifold
     * pinch). Fill one of the two empty cells of every such 2×2 block until none is left; filling only adds cells,
     * so this ends.
     */
    static void makeWellComposed(boolean[] in, int w, int h) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y + 1 < h; y++) {
                for (int x = 0; x + 1 < w; x++) {
                    int i = y * w + x;
                    boolean a = in[i], b = in[i + 1], c = in[i + w], d = in[i + w + 1];
                    if (a && d && !b && !c) {
                        in[i + 1] = true;
                        changed = true;
                    } else if (b && c && !a && !d) {
                        in[i] = true;
                        changed = true;
                    }
                }
            }
        }
    }
}
