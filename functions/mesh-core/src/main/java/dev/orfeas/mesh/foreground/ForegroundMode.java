package dev.orfeas.mesh.foreground;

/** How the object was separated from its background. */
public enum ForegroundMode {
    /** The image's alpha channel outlines the object. */
    ALPHA("alpha"),
    /** The background was estimated from the border and segmented away. */
    SEGMENTED("backdrop"),
    /** The learned salient-object model found the object. */
    MODEL("model"),
    /** No separable background: the whole picture becomes a relief slab. */
    RELIEF("none");

    private final String source;

    ForegroundMode(String source) {
        this.source = source;
    }

    /** The foreground source as the API and the quality report name it: alpha, backdrop, model or none. */
    public String source() {
        return source;
    }
}
