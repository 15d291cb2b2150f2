package dev.orfeas.mesh;

import java.util.Locale;

/**
 * Quality presets: the grid the field is solved on (longest side of the object, in cells), the default number
 * of faces the surface is simplified to, and the texture's longest side in pixels.
 */
public enum Quality {
    DRAFT(96, 4_000, 512),
    DEFAULT(128, 12_000, 1024),
    HIGH(256, 40_000, 2048);

    private final int gridSize;
    private final int defaultFaces;
    private final int textureSide;

    Quality(int gridSize, int defaultFaces, int textureSide) {
        this.gridSize = gridSize;
        this.defaultFaces = defaultFaces;
        this.textureSide = textureSide;
    }

    public int textureSide() {
        return textureSide;
    }

    public int gridSize() {
        return gridSize;
    }

    public int defaultFaces() {
        return defaultFaces;
    }

    public static Quality parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Quality quality : values()) {
            if (quality.name().equals(name)) {
                return quality;
            }
        }
        throw new InvalidOptionsException("unknown quality '" + text + "' (use draft, default or high)");
    }
}
