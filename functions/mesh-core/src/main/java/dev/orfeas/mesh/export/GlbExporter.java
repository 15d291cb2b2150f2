package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * glTF 2.0 binary (GLB): a 12-byte header, a JSON chunk padded with spaces and a BIN chunk padded with zeros, both
 * 4-byte aligned. One scene, node, mesh and primitive with POSITION, NORMAL (smooth, area-weighted), TEXCOORD_0 and
 * indices (UNSIGNED_SHORT below 65,536 vertices, else UNSIGNED_INT); one material whose base colour is the mesh's PNG.
 * A mesh with an empty PNG gets an untextured material and no TEXCOORD_0.
 */
final class GlbExporter implements MeshExporter {

    static final int MAGIC = 0x46546C67; // "glTF"
    static final int VERSION = 2;
    static final int CHUNK_JSON = 0x4E4F534A; // "JSON"
    static final int CHUNK_BIN = 0x004E4942; // "BIN\0"
    static final int HEADER_LENGTH = 12;
    static final int CHUNK_HEADER_LENGTH = 8;

    @Override
    public MeshExport export(TexturedMesh textured, String baseName) {
        Mesh mesh = textured.mesh();
        ExportChecks.requireExportable(mesh, baseName);
        if (mesh.faceCount() == 0) {
            throw new IllegalArgumentException("a GLB needs at least one face");
        }
        GlbLayout layout = GlbLayout.of(mesh.vertexCount(), mesh.triangles().length, textured.texture().length);
        byte[] json = GltfJson.write(layout, mesh.bounds(), baseName, textured.textureMediaType());
        int jsonLength = GlbLayout.align4(json.length);
        int total = Math.addExact(HEADER_LENGTH + 2 * CHUNK_HEADER_LENGTH + jsonLength, layout.binLength());

        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(total);
        out.putInt(jsonLength).putInt(CHUNK_JSON).put(json);
        while (out.position() % 4 != 0) {
            out.put((byte) ' ');
        }
        out.putInt(layout.binLength()).putInt(CHUNK_BIN);
        writeBin(out.slice().order(ByteOrder.LITTLE_ENDIAN), layout, textured);
        return MeshExport.single(new ExportedFile(baseName + ".glb", MeshFormat.GLB.mediaType(), out.array()));
    }

    /** Fills the BIN chunk; the buffer starts zeroed, so padding needs no writes. */
    private static void writeBin(ByteBuffer bin, GlbLayout layout, TexturedMesh textured) {
        Mesh mesh = textured.mesh();
        bin.position(layout.positionsOffset());
        bin.asFloatBuffer().put(mesh.positions());
        bin.position(layout.normalsOffset());
        bin.asFloatBuffer().put(VertexNormals.of(mesh));
        if (layout.hasImage()) {
            bin.position(layout.uvsOffset());
            bin.asFloatBuffer().put(textured.uvs());
        }
        bin.position(layout.indicesOffset());
        int[] triangles = mesh.triangles();
        if (layout.wideIndices()) {
            bin.asIntBuffer().put(triangles);
        } else {
            ShortBuffer indices = bin.asShortBuffer();
            for (int index : triangles) {
                indices.put((short) index);
            }
        }
        if (layout.hasImage()) {
            bin.position(layout.imageOffset());
            bin.put(textured.texture());
        }
    }
}
