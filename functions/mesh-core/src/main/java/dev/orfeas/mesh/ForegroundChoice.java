package dev.orfeas.mesh;

import java.util.Locale;

/**
 * How the caller wants the object separated from its background ({@code foreground=} option).
 */
public enum ForegroundChoice {
    /** A real alpha channel → alpha; else the learned segmenter when installed; else the built-in backdrop one. */
    AUTO,
    /** The image's alpha channel only (422 when it carries no silhouette). */
    ALPHA,
    /** The built-in backdrop segmentation (flood fill from the border), relief when none separates. */
    BACKDROP,
    /** The learned segmentation model (400 when none is installed). */
    MODEL,
    /** No segmentation: the whole picture becomes a relief. */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "auto", "MODEL", …; null or blank → {@link #AUTO}. */
    public static ForegroundChoice parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (ForegroundChoice choice : values()) {
            if (choice.name().equals(name)) {
                return choice;
            }
        }
        throw new InvalidOptionsException(
                "unknown foreground '" + text + "' (use auto, alpha, backdrop, model or none)");
    }
}
