package dev.orfeas.mesh.export;

import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.surface.Mesh;
import dev.orfeas.mesh.texture.TexturedMesh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Wavefront OBJ with its MTL and texture as companions ({@code base.obj}, {@code base.mtl}, {@code base.texture.jpg}
 * or {@code .png}). The texture's name never ends in just {@code base.jpg}/{@code base.png}: that is the usual name
 * of the picture the mesh came from, which a download or the CLI would then write over.
 * Positions, UVs and smooth normals share one index, so faces read {@code f i/i/i}. OBJ puts v = 0 at the bottom of
 * the texture, so UVs are written as (u, 1 - v). A mesh with an empty PNG gets a plain white material and no texture.
 */
final class ObjExporter implements MeshExporter {

    static final String MATERIAL = "surface";
    static final String MTL_MEDIA_TYPE = "model/mtl";

    @Override
    public MeshExport export(TexturedMesh textured, String baseName) {
        Mesh mesh = textured.mesh();
        ExportChecks.requireExportable(mesh, baseName);
        boolean hasTexture = textured.texture().length > 0;
        String mtlName = baseName + ".mtl";
        String textureName = textureName(baseName, textured.textureExtension());

        List<ExportedFile> companions = new ArrayList<>(2);
        companions.add(new ExportedFile(mtlName, MTL_MEDIA_TYPE, mtl(hasTexture ? textureName : null)));
        if (hasTexture) {
            companions.add(new ExportedFile(textureName, textured.textureMediaType(), textured.texture().clone()));
        }
        ExportedFile obj = new ExportedFile(baseName + ".obj", MeshFormat.OBJ.mediaType(),
                obj(textured, baseName, mtlName));
        return new MeshExport(obj, companions);
    }

    /** {@code cat} → {@code cat.texture.jpg}. */
    static String textureName(String baseName, String extension) {
        return baseName + ".texture." + extension;
    }

    private static byte[] obj(TexturedMesh textured, String baseName, String mtlName) {
        Mesh mesh = textured.mesh();
        float[] p = mesh.positions();
        float[] uv = textured.uvs();
        float[] n = VertexNormals.of(mesh);
        int[] t = mesh.triangles();
        StringBuilder out = new StringBuilder(capacity(mesh));
        out.append("# ").append(GltfJson.GENERATOR).append('\n');
        out.append("mtllib ").append(mtlName).append('\n');
        out.append("o ").append(baseName).append('\n');
        for (int i = 0; i < p.length; i += 3) {
            triple(out.append("v "), p, i);
        }
        for (int i = 0; i < uv.length; i += 2) {
            Decimals.append(out.append("vt "), uv[i]).append(' ');
            Decimals.append(out, 1.0 - uv[i + 1]).append('\n');
        }
        for (int i = 0; i < n.length; i += 3) {
            triple(out.append("vn "), n, i);
        }
        out.append("usemtl ").append(MATERIAL).append('\n');
        for (int i = 0; i < t.length; i += 3) {
            out.append('f');
            for (int k = 0; k < 3; k++) {
                int index = t[i + k] + 1;
                out.append(' ').append(index).append('/').append(index).append('/').append(index);
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** About the text's length, so the builder does not regrow and copy tens of megabytes on a big mesh. */
    private static int capacity(Mesh mesh) {
        int digits = Integer.toString(mesh.vertexCount()).length();
        long perFace = 2 + 3 * (3L * digits + 3);
        long estimate = 256 + 80L * mesh.vertexCount() + perFace * mesh.faceCount();
        return (int) Math.min(estimate, Integer.MAX_VALUE - 16);
    }

    private static void triple(StringBuilder out, float[] values, int at) {
        Decimals.append(out, values[at]).append(' ');
        Decimals.append(out, values[at + 1]).append(' ');
        Decimals.append(out, values[at + 2]).append('\n');
    }

    private static byte[] mtl(String textureName) {
        StringBuilder out = new StringBuilder(160);
        out.append("# ").append(GltfJson.GENERATOR).append('\n');
        out.append("newmtl ").append(MATERIAL).append('\n');
        out.append("Ka 0 0 0\n");
        out.append("Kd 1 1 1\n");
        out.append("Ks 0 0 0\n");
        out.append("d 1\n");
        out.append("illum 1\n");
        if (textureName != null) {
            out.append("map_Kd ").append(textureName).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
