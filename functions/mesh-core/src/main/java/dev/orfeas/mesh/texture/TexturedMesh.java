package dev.orfeas.mesh.texture;

import dev.orfeas.mesh.surface.Mesh;

/**
 * A mesh ready for export: per-vertex UVs into {@code texture}, and per-vertex colours sampled from it
 * (for formats without textures, such as PLY).
 *
 * @param mesh             geometry, outward-wound
 * @param uvs              u, v per vertex; v = 0 is the top row of the texture (glTF convention)
 * @param texture          the cropped source image, encoded (empty = no texture)
 * @param textureMediaType "image/png" or "image/jpeg"
 * @param vertexColors     r, g, b per vertex, 0-255
 */
public record TexturedMesh(Mesh mesh, float[] uvs, byte[] texture, String textureMediaType, byte[] vertexColors) {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    public TexturedMesh {
        if (uvs.length != 2 * mesh.vertexCount() || vertexColors.length != 3 * mesh.vertexCount()) {
            throw new IllegalArgumentException("uvs and colours must have one entry per vertex");
        }
        if (!PNG.equals(textureMediaType) && !JPEG.equals(textureMediaType)) {
            throw new IllegalArgumentException("texture must be image/png or image/jpeg, was " + textureMediaType);
        }
    }

    /** A mesh with a PNG texture. */
    public TexturedMesh(Mesh mesh, float[] uvs, byte[] texturePng, byte[] vertexColors) {
        this(mesh, uvs, texturePng, PNG, vertexColors);
    }

    /** File extension of the texture: "png" or "jpg". */
    public String textureExtension() {
        return JPEG.equals(textureMediaType) ? "jpg" : "png";
    }
}
