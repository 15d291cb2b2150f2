package dev.orfeas.mesh.foreground;

/** A binary image: {@code true} where the object is. Row-major, width × height. */
public final class Mask {

    private final int width;
    private final int height;
    private final boolean[] inside;

    public Mask(int width, int height) {
        this(width, height, new boolean[width * height]);
    }

    public Mask(int width, int height, boolean[] inside) {
        if (inside.length != width * height) {
            throw new IllegalArgumentException("mask size mismatch");
        }
        this.width = width;
        this.height = height;
        this.inside = inside;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x];
    }

    public void set(int x, int y, boolean value) {
        inside[y * width + x] = value;
    }

    /** The backing array, row-major; shared, not copied. */
    public boolean[] cells() {
        return inside;
    }

    public int count() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    public Mask copy() {
        return new Mask(width, height, inside.clone());
    }

    /** Smallest box holding every inside cell, as {minX, minY, maxX, maxY} inclusive; null when empty. */
    public int[] bounds() {
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }
}
