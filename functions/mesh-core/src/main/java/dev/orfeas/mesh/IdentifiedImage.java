package dev.orfeas.mesh;

import java.util.Objects;

/**
 * An image and its options together with the mesh id an engine gives them, so a caller that looks the mesh up by
 * id first and then generates hashes the image once. Only {@link MeshGenerator#identify} makes one, and an engine
 * generates only from ones whose id it would give itself.
 */
public final class IdentifiedImage {

    private final byte[] image;
    private final GenerationOptions options;
    private final String meshId;
    /** What the id depends on besides the input (engine version, field source, segmentation model). */
    private final String engineKey;

    IdentifiedImage(byte[] image, GenerationOptions options, String meshId, String engineKey) {
        this.image = Objects.requireNonNull(image, "image");
        this.options = Objects.requireNonNull(options, "options");
        this.meshId = meshId;
        this.engineKey = engineKey;
    }

    /** The encoded image, shared, not copied. */
    public byte[] image() {
        return image;
    }

    public GenerationOptions options() {
        return options;
    }

    public String meshId() {
        return meshId;
    }

    String engineKey() {
        return engineKey;
    }
}
