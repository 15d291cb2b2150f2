package dev.orfeas.mesh;

import java.util.Locale;

/** Output formats. The media type is what HTTP answers and what S3 objects carry. */
public enum MeshFormat {
    GLB("glb", "model/gltf-binary"),
    OBJ("obj", "model/obj"),
    STL("stl", "model/stl"),
    PLY("ply", "application/x-ply");

    private final String extension;
    private final String mediaType;

    MeshFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Parses "glb", "GLB", ".glb"; throws {@link IllegalArgumentException} naming the accepted values. */
    public static MeshFormat parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) {
            name = name.substring(1);
        }
        for (MeshFormat format : values()) {
            if (format.extension.equals(name)) {
                return format;
            }
        }
        throw new InvalidOptionsException("unknown format '" + text + "' (use glb, obj, stl or ply)");
    }
}
