package dev.orfeas.mesh.field;

import java.util.Locale;

/** Where the depth came from; reported in the quality report. */
public enum FieldMode {
    /** Poisson inflation of the silhouette. */
    INFLATE,
    /** A slab whose front carries the image's luminance relief (no separable background). */
    RELIEF,
    /** A TorchScript depth model, shaped by the silhouette. */
    MODEL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
