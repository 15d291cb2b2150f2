package dev.orfeas.mesh.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test-side OBJ reader: v, vt, vn, f (v/vt/vn, 1-based), mtllib, usemtl. Independent of the exporter. */
record ObjFile(List<float[]> positions, List<float[]> uvs, List<float[]> normals, List<int[][]> faces,
               String mtllib, String usemtl) {

    static ObjFile read(byte[] bytes) {
        List<float[]> v = new ArrayList<>();
        List<float[]> vt = new ArrayList<>();
        List<float[]> vn = new ArrayList<>();
        List<int[][]> f = new ArrayList<>();
        String mtllib = null;
        String usemtl = null;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.strip().split("\\s+");
            switch (parts[0]) {
                case "v" -> v.add(floats(parts));
                case "vt" -> vt.add(floats(parts));
                case "vn" -> vn.add(floats(parts));
                case "f" -> {
                    int[][] corners = new int[parts.length - 1][];
                    for (int i = 1; i < parts.length; i++) {
                        String[] refs = parts[i].split("/");
                        corners[i - 1] = new int[refs.length];
                        for (int k = 0; k < refs.length; k++) {
                            corners[i - 1][k] = Integer.parseInt(refs[k]);
                        }
                    }
                    f.add(corners);
                }
                case "mtllib" -> mtllib = line.strip().substring("mtllib".length()).strip();
                case "usemtl" -> usemtl = line.strip().substring("usemtl".length()).strip();
                default -> {
                }
            }
        }
        return new ObjFile(v, vt, vn, f, mtllib, usemtl);
    }

    private static float[] floats(String[] parts) {
        float[] values = new float[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            values[i - 1] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
