package dev.orfeas.mesh.surface;

import dev.orfeas.mesh.field.FieldGrid;
import dev.orfeas.mesh.field.HeightField;

import java.util.Arrays;

/**
 * Front sheet from the field, back sheet below it, and a wall along every silhouette edge joining the two: one
 * closed, 2-manifold, outward-wound mesh. The grid is well-composed (no cells meeting only at a corner), so each
 * silhouette corner has exactly two silhouette edges and the wall is a clean strip; holes stay holes.
 * The result is centred and scaled into the unit box.
 */
public final class SurfaceBuilder {

    private SurfaceBuilder() {
    }

    public static Surface build(HeightField field) {
        FieldGrid grid = field.grid();
        int cw = grid.cornersWide();
        int ch = grid.cornersHigh();
        int[] frontId = new int[cw * ch];
        int[] backId = new int[cw * ch];
        Arrays.fill(frontId, -1);
        Arrays.fill(backId, -1);
        int vertices = 0;
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                if (touchesInside(grid, cx, cy)) {
                    frontId[cy * cw + cx] = vertices++;
                    backId[cy * cw + cx] = vertices++;
                }
            }
        }
        float[] positions = new float[3 * vertices];
        for (int c = 0; c < cw * ch; c++) {
            if (frontId[c] >= 0) {
                put(positions, frontId[c], c % cw, c / cw, field.front()[c]);
                put(positions, backId[c], c % cw, c / cw, field.back()[c]);
            }
        }
        TriangleList triangles = new TriangleList(grid.insideCount() * 4 + 64);
        int[] nextOnRim = new int[cw * ch];
        Arrays.fill(nextOnRim, -1);
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                if (grid.isInside(x, y)) {
                    addCell(grid, field, frontId, backId, nextOnRim, triangles, x, y);
                }
            }
        }
        RimSmoothing.apply(positions, frontId, backId, nextOnRim);
        return UnitBox.fit(new Surface(new Mesh(positions, triangles.toArray()),
                new GridProjection(1, 0, 0, grid.width(), grid.height())));
    }

    private static boolean touchesInside(FieldGrid grid, int cx, int cy) {
        return grid.isInside(cx - 1, cy - 1) || grid.isInside(cx, cy - 1)
                || grid.isInside(cx - 1, cy) || grid.isInside(cx, cy);
    }

    private static void put(float[] positions, int vertex, int cx, int cy, float z) {
        positions[3 * vertex] = cx;
        positions[3 * vertex + 1] = -cy;
        positions[3 * vertex + 2] = z;
    }

    /**
     * Corners counter-clockwise seen from the front (+z, y up): bottom-left (x, y+1), bottom-right (x+1, y+1),
     * top-right (x+1, y), top-left (x, y).
     */
    private static void addCell(FieldGrid grid, HeightField field, int[] frontId, int[] backId, int[] nextOnRim,
                                TriangleList out, int x, int y) {
        int cw = grid.cornersWide();
        int bl = (y + 1) * cw + x;
        int br = (y + 1) * cw + x + 1;
        int tr = y * cw + x + 1;
        int tl = y * cw + x;
        // Split along the diagonal with the smaller height change: fewer creases across ridges.
        boolean splitBlTr = Math.abs(field.front()[bl] - field.front()[tr]) <= Math.abs(field.front()[br] - field.front()[tl]);
        if (splitBlTr) {
            out.add(frontId[bl], frontId[br], frontId[tr]);
            out.add(frontId[bl], frontId[tr], frontId[tl]);
            out.add(backId[bl], backId[tr], backId[br]);
            out.add(backId[bl], backId[tl], backId[tr]);
        } else {
            out.add(frontId[bl], frontId[br], frontId[tl]);
            out.add(frontId[br], frontId[tr], frontId[tl]);
            out.add(backId[bl], backId[tl], backId[br]);
            out.add(backId[br], backId[tl], backId[tr]);
        }
        // Each cell edge facing an outside cell, walked with the inside on the left, gets a wall quad.
        if (!grid.isInside(x, y + 1)) addWall(frontId, backId, nextOnRim, out, bl, br);
        if (!grid.isInside(x + 1, y)) addWall(frontId, backId, nextOnRim, out, br, tr);
        if (!grid.isInside(x, y - 1)) addWall(frontId, backId, nextOnRim, out, tr, tl);
        if (!grid.isInside(x - 1, y)) addWall(frontId, backId, nextOnRim, out, tl, bl);
    }

    private static void addWall(int[] frontId, int[] backId, int[] nextOnRim, TriangleList out, int from, int to) {
        out.add(frontId[from], backId[from], backId[to]);
        out.add(frontId[from], backId[to], frontId[to]);
        nextOnRim[from] = to;
    }

    /** Growable int triple list, so building 200k faces allocates a handful of arrays. */
    private static final class TriangleList {
        private int[] data;
        private int size;

        TriangleList(int faces) {
            data = new int[3 * faces];
        }

        void add(int a, int b, int c) {
            if (size + 3 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
