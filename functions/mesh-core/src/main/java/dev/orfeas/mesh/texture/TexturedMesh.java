package dev.orfeas.mesh.texture;

import dev.orfeas.mesh.surface.Mesh;

/**
 * A mesh ready for export: per-vertex UVs into {@code texturePng}, and per-vertex colours sampled from it
 * (for formats without textures, such as PLY).
 *
 * @param mesh         geometry, outward-wound
 * @param uvs          u, v per vertex; v = 0 is the top row of the texture (glTF convention)
 * @param texturePng   the cropped source image, PNG-encoded
 * @param vertexColors r, g, b per vertex, 0-255
 */
public record TexturedMesh(Mesh mesh, float[] uvs, byte[] texturePng, byte[] vertexColors) {

    public TexturedMesh {
        if (uvs.length != 2 * mesh.vertexCount() || vertexColors.length != 3 * mesh.vertexCount()) {
            throw new IllegalArgumentException("uvs and colours must have one entry per vertex");
        }
    }
}
