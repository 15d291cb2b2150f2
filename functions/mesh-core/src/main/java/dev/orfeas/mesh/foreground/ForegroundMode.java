package dev.orfeas.mesh.foreground;

/** How the object was separated from its background. */
public enum ForegroundMode {
    /** The image's alpha channel outlines the object. */
    ALPHA,
    /** The background was estimated from the border and segmented away. */
    SEGMENTED,
    /** No separable background: the whole picture becomes a relief slab. */
    RELIEF
}
