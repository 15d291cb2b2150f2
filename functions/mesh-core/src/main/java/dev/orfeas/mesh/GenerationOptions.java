package dev.orfeas.mesh;

import java.util.Locale;

/**
 * What the caller asks for. {@link #canonical()} is part of the mesh id, so two requests that mean the same thing
 * produce the same text.
 *
 * @param format      output format
 * @param quality     grid resolution and default face budget
 * @param targetFaces faces after simplification; 0 means the quality's default
 * @param detail      relief detail from image luminance, 0 (smooth) to 1 (strong)
 * @param foreground  how the object is separated from its background
 */
public record GenerationOptions(MeshFormat format, Quality quality, int targetFaces, double detail,
                                ForegroundChoice foreground) {

    public static final int MIN_FACES = 100;
    public static final int MAX_FACES = 500_000;

    public GenerationOptions {
        if (format == null || quality == null || foreground == null) {
            throw new InvalidOptionsException("format, quality and foreground are required");
        }
        if (targetFaces != 0 && (targetFaces < MIN_FACES || targetFaces > MAX_FACES)) {
            throw new InvalidOptionsException(
                    "faces must be between " + MIN_FACES + " and " + MAX_FACES + ", was " + targetFaces);
        }
        if (!(detail >= 0 && detail <= 1)) {
            throw new InvalidOptionsException("detail must be between 0 and 1, was " + detail);
        }
    }

    /** Automatic foreground. */
    public GenerationOptions(MeshFormat format, Quality quality, int targetFaces, double detail) {
        this(format, quality, targetFaces, detail, ForegroundChoice.AUTO);
    }

    public static GenerationOptions defaults() {
        return new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.0);
    }

    public GenerationOptions withFormat(MeshFormat newFormat) {
        return new GenerationOptions(newFormat, quality, targetFaces, detail, foreground);
    }

    public GenerationOptions withForeground(ForegroundChoice newForeground) {
        return new GenerationOptions(format, quality, targetFaces, detail, newForeground);
    }

    /** The face budget actually used. */
    public int effectiveFaces() {
        return targetFaces == 0 ? quality.defaultFaces() : targetFaces;
    }

    /** Stable text form, used in the content hash that names the mesh. */
    public String canonical() {
        return String.format(Locale.ROOT, "format=%s;quality=%s;faces=%d;detail=%.3f;foreground=%s",
                format.extension(), quality.name().toLowerCase(Locale.ROOT), effectiveFaces(), detail,
                foreground.label());
    }
}
