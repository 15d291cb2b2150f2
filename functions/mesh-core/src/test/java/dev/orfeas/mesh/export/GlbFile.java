package dev.orfeas.mesh.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Test-side GLB reader, written from the spec, independent of the exporter's constants. */
record GlbFile(int magic, int version, int length, int jsonChunkLength, int jsonChunkType, byte[] jsonChunk,
               int binChunkLength, int binChunkType, ByteBuffer bin, JsonNode json) {

    static GlbFile read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        int version = in.getInt();
        int length = in.getInt();
        int jsonLength = in.getInt();
        int jsonType = in.getInt();
        byte[] json = Arrays.copyOfRange(bytes, 20, 20 + jsonLength);
        in.position(20 + jsonLength);
        int binLength = in.getInt();
        int binType = in.getInt();
        ByteBuffer bin = in.slice(in.position(), binLength).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return new GlbFile(magic, version, length, jsonLength, jsonType, json, binLength, binType, bin,
                    new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode accessor(int index) {
        return json.path("accessors").path(index);
    }

    /** Byte offset in BIN where an accessor's data starts. */
    int offsetOf(int accessor) {
        JsonNode a = accessor(accessor);
        JsonNode view = json.path("bufferViews").path(a.path("bufferView").asInt());
        return view.path("byteOffset").asInt() + a.path("byteOffset").asInt();
    }

    float floatAt(int accessor, int element) {
        return bin.getFloat(offsetOf(accessor) + 4 * element);
    }

    int indexAt(int element) {
        int accessor = json.path("meshes").path(0).path("primitives").path(0).path("indices").asInt();
        int type = accessor(accessor).path("componentType").asInt();
        return type == 5125
                ? bin.getInt(offsetOf(accessor) + 4 * element)
                : Short.toUnsignedInt(bin.getShort(offsetOf(accessor) + 2 * element));
    }
}
