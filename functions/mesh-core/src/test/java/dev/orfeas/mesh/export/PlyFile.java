package dev.orfeas.mesh.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side reader for the PLY layout the project writes (float x y z, uchar red green blue; uchar/int face lists),
 * driven by the header it parses, not by the exporter's constants.
 */
record PlyFile(List<String> header, float[] positions, int[] colours, int[] triangles) {

    static PlyFile read(byte[] bytes) {
        List<String> header = new ArrayList<>();
        int at = 0;
        while (true) {
            int end = at;
            while (bytes[end] != '\n') {
                end++;
            }
            String line = new String(bytes, at, end - at, StandardCharsets.US_ASCII);
            header.add(line);
            at = end + 1;
            if (line.equals("end_header")) {
                break;
            }
        }
        int vertices = count(header, "vertex");
        int faces = count(header, "face");
        ByteBuffer in = ByteBuffer.wrap(bytes, at, bytes.length - at).order(ByteOrder.LITTLE_ENDIAN);
        float[] positions = new float[3 * vertices];
        int[] colours = new int[3 * vertices];
        for (int v = 0; v < vertices; v++) {
            for (int k = 0; k < 3; k++) {
                positions[3 * v + k] = in.getFloat();
            }
            for (int k = 0; k < 3; k++) {
                colours[3 * v + k] = Byte.toUnsignedInt(in.get());
            }
        }
        int[] triangles = new int[3 * faces];
        for (int f = 0; f < faces; f++) {
            int corners = Byte.toUnsignedInt(in.get());
            if (corners != 3) {
                throw new IllegalStateException("face " + f + " has " + corners + " corners");
            }
            for (int k = 0; k < 3; k++) {
                triangles[3 * f + k] = in.getInt();
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(in.remaining() + " bytes after the last face");
        }
        return new PlyFile(header, positions, colours, triangles);
    }

    private static int count(List<String> header, String element) {
        return header.stream().filter(l -> l.startsWith("element " + element + " "))
                .mapToInt(l -> Integer.parseInt(l.substring(("element " + element + " ").length())))
                .findFirst().orElseThrow();
    }
}
