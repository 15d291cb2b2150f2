package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * PLY, binary_little_endian 1.0: vertices as float x, y, z and uchar red, green, blue (the mesh's vertex colours),
 * faces as a uchar-counted list of int vertex indices.
 */
final class PlyExporter implements MeshExporter {

    static final int VERTEX_LENGTH = 3 * Float.BYTES + 3;
    static final int FACE_LENGTH = 1 + 3 * Integer.BYTES;

    @Override
    public MeshExport export(TexturedMesh textured, String baseName) {
        Mesh mesh = textured.mesh();
        ExportChecks.requireExportable(mesh, baseName);
        int vertices = mesh.vertexCount();
        int faces = mesh.faceCount();
        byte[] header = header(vertices, faces);
        int length = Math.addExact(header.length, Math.addExact(
                Math.multiplyExact(vertices, VERTEX_LENGTH), Math.multiplyExact(faces, FACE_LENGTH)));
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header);
        float[] p = mesh.positions();
        byte[] colours = textured.vertexColors();
        for (int i = 0; i < p.length; i += 3) {
            out.putFloat(p[i]).putFloat(p[i + 1]).putFloat(p[i + 2]);
            out.put(colours, i, 3);
        }
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            out.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
        }
        return MeshExport.single(new ExportedFile(baseName + ".ply", MeshFormat.PLY.mediaType(), out.array()));
    }

    private static byte[] header(int vertices, int faces) {
        String header = "ply\n"
                + "format binary_little_endian 1.0\n"
                + "comment ORFEAS\n"
                + "element vertex " + vertices + "\n"
                + "property float x\n"
                + "property float y\n"
                + "property float z\n"
                + "property uchar red\n"
                + "property uchar green\n"
                + "property uchar blue\n"
                + "element face " + faces + "\n"
                + "property list uchar int vertex_indices\n"
                + "end_header\n";
        return header.getBytes(StandardCharsets.US_ASCII);
    }
}
