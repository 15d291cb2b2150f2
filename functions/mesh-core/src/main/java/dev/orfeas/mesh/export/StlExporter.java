package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Binary STL, little-endian: an 80-byte header (which must not start with "solid", or readers take the file for
 * ASCII STL), a uint32 face count, then per face its unit normal, three vertices and a zero attribute count.
 * Geometry only: STL has no UVs or colours. Degenerate faces get a zero normal, as the format allows.
 */
final class StlExporter implements MeshExporter {

    static final int HEADER_LENGTH = 80;
    static final int FACE_LENGTH = 50;
    static final String HEADER = "ORFEAS binary STL";

    @Override
    public MeshExport export(TexturedMesh textured, String baseName) {
        Mesh mesh = textured.mesh();
        ExportChecks.requireExportable(mesh, baseName);
        int faces = mesh.faceCount();
        int length = Math.addExact(HEADER_LENGTH + Integer.BYTES, Math.multiplyExact(faces, FACE_LENGTH));
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(HEADER.getBytes(StandardCharsets.US_ASCII));
        out.position(HEADER_LENGTH);
        out.putInt(faces);
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        float[] normal = new float[3];
        for (int f = 0; f < faces; f++) {
            int a = t[3 * f];
            int b = t[3 * f + 1];
            int c = t[3 * f + 2];
            VertexNormals.faceNormal(p, a, b, c, normal);
            out.putFloat(normal[0]).putFloat(normal[1]).putFloat(normal[2]);
            putVertex(out, p, a);
            putVertex(out, p, b);
            putVertex(out, p, c);
            out.putShort((short) 0);
        }
        return MeshExport.single(new ExportedFile(baseName + ".stl", MeshFormat.STL.mediaType(), out.array()));
    }

    private static void putVertex(ByteBuffer out, float[] p, int vertex) {
        out.putFloat(p[3 * vertex]).putFloat(p[3 * vertex + 1]).putFloat(p[3 * vertex + 2]);
    }
}
