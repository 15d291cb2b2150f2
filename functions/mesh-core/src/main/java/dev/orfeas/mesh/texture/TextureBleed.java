package dev.orfeas.mesh.texture;

import dev.orfeas.mesh.field.FieldGrid;
import dev.orfeas.mesh.foreground.Foreground;
import dev.orfeas.mesh.foreground.Mask;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Paints the texture off the object with the object's own edge colours. Rim vertices sit exactly on the silhouette,
 * where pixels are a blend with the backdrop, so filtering (and PLY's per-vertex sampling) would otherwise draw a
 * pale seam along the rim. Pixels well inside the silhouette keep their colour; pixels up to {@link #REACH} steps
 * away take the colour of the nearest one of those (breadth-first from all of them at once).
 */
final class TextureBleed {

    /** How far inside the silhouette (in working-mask pixels) a pixel must be to count as clean object colour. */
    private static final int MARGIN = 2;
    /** Texture pixels painted beyond the clean object: what filtering at the rim can reach, with room to spare. */
    private static final int REACH = 12;

    private TextureBleed() {
    }

    /** @param texture a {@link BufferedImage#TYPE_INT_RGB} image, changed in place */
    static void apply(BufferedImage texture, FieldGrid grid, Foreground foreground) {
        int tw = texture.getWidth();
        int th = texture.getHeight();
        // The texture is our own TYPE_INT_RGB image: edit its pixels in place, no per-pixel colour-model calls.
        int[] pixels = ((DataBufferInt) texture.getRaster().getDataBuffer()).getData();
        int[] queue = new int[tw * th];
        byte[] steps = new byte[tw * th];
        boolean[] done = new boolean[tw * th];
        int tail = 0;
        double sourcePerPixelX = grid.width() * grid.cellSize() / tw;
        double sourcePerPixelY = grid.height() * grid.cellSize() / th;
        Mask mask = foreground.mask();
        boolean[] deep = deepInside(mask, foreground.softAlpha());
        int mw = mask.width();
        int mh = mask.height();
        double scale = foreground.scale();
        for (int py = 0; py < th; py++) {
            int my = (int) ((grid.originY() + (py + 0.5) * sourcePerPixelY) / scale);
            if (my < 0 || my >= mh) {
                continue;
            }
            for (int px = 0; px < tw; px++) {
                int mx = (int) ((grid.originX() + (px + 0.5) * sourcePerPixelX) / scale);
                if (mx >= 0 && mx < mw && deep[my * mw + mx]) {
                    int i = py * tw + px;
                    done[i] = true;
                    queue[tail++] = i;
                }
            }
        }
        if (tail == 0) {
            return;
        }
        for (int head = 0; head < tail; head++) {
            int i = queue[head];
            if (steps[i] >= REACH) {
                continue;
            }
            int x = i % tw;
            int y = i / tw;
            if (x > 0) tail = spread(pixels, steps, done, queue, tail, i, i - 1);
            if (x < tw - 1) tail = spread(pixels, steps, done, queue, tail, i, i + 1);
            if (y > 0) tail = spread(pixels, steps, done, queue, tail, i, i - tw);
            if (y < th - 1) tail = spread(pixels, steps, done, queue, tail, i, i + tw);
        }
    }

    private static int spread(int[] pixels, byte[] steps, boolean[] done, int[] queue, int tail, int from, int to) {
        if (!done[to]) {
            done[to] = true;
            pixels[to] = pixels[from];
            steps[to] = (byte) (steps[from] + 1);
            queue[tail++] = to;
        }
        return tail;
    }

    /** Working-mask pixels with the object also {@link #MARGIN} pixels away in all four directions. */
    /** Saliency a model-segmented pixel needs to count as clean object colour: softer rim pixels are blends. */
    private static final float CONFIDENT = 0.9f;

    private static boolean[] deepInside(Mask mask, float[] softAlpha) {
        int w = mask.width();
        int h = mask.height();
        boolean[] deep = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                deep[y * w + x] = mask.get(x, y) && mask.get(x - MARGIN, y) && mask.get(x + MARGIN, y)
                        && mask.get(x, y - MARGIN) && mask.get(x, y + MARGIN)
                        && (softAlpha == null || softAlpha[y * w + x] >= CONFIDENT);
            }
        }
        return deep;
    }
}
