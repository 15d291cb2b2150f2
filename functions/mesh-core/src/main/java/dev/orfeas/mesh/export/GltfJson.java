package dev.orfeas.mesh.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the JSON chunk of a GLB with Jackson's streaming generator, so fields always come in the same order and the
 * same mesh always gives the same bytes. Accessor i reads bufferView i: POSITION, NORMAL, TEXCOORD_0 (only with a
 * texture), indices; the texture image's bufferView comes last.
 */
final class GltfJson {

    static final String GENERATOR = "ORFEAS";
    static final float ROUGHNESS = 0.9f;

    private static final JsonFactory JSON = new JsonFactory();
    private static final int FLOAT = 5126;
    private static final int UNSIGNED_SHORT = 5123;
    private static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;
    private static final int LINEAR = 9729;
    private static final int CLAMP_TO_EDGE = 33071;
    private static final int TRIANGLES = 4;
    private static final int POSITION = 0;
    private static final int NORMAL = 1;
    private static final int TEXCOORD = 2;

    private GltfJson() {
    }

    /** @param bounds {minX, minY, minZ, maxX, maxY, maxZ} of the positions, exactly as stored */
    static byte[] write(GlbLayout layout, float[] bounds, String name, String textureMediaType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("asset");
            g.writeStringField("version", "2.0");
            g.writeStringField("generator", GENERATOR);
            g.writeEndObject();
            g.writeNumberField("scene", 0);
            g.writeArrayFieldStart("scenes");
            g.writeStartObject();
            g.writeArrayFieldStart("nodes");
            g.writeNumber(0);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("nodes");
            g.writeStartObject();
            g.writeNumberField("mesh", 0);
            g.writeStringField("name", name);
            g.writeEndObject();
            g.writeEndArray();
            writeMeshes(g, name, layout.hasImage());
            writeMaterial(g, layout.hasImage());
            if (layout.hasImage()) {
                writeTexture(g, indicesAccessor(layout) + 1, textureMediaType);
            }
            writeAccessors(g, layout, bounds);
            writeBufferViews(g, layout);
            g.writeArrayFieldStart("buffers");
            g.writeStartObject();
            g.writeNumberField("byteLength", layout.binLength());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static int indicesAccessor(GlbLayout layout) {
        return layout.hasImage() ? TEXCOORD + 1 : TEXCOORD;
    }

    private static void writeMeshes(JsonGenerator g, String name, boolean textured) throws IOException {
        g.writeArrayFieldStart("meshes");
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeArrayFieldStart("primitives");
        g.writeStartObject();
        g.writeObjectFieldStart("attributes");
        g.writeNumberField("POSITION", POSITION);
        g.writeNumberField("NORMAL", NORMAL);
        if (textured) {
            g.writeNumberField("TEXCOORD_0", TEXCOORD);
        }
        g.writeEndObject();
        g.writeNumberField("indices", textured ? TEXCOORD + 1 : TEXCOORD);
        g.writeNumberField("material", 0);
        g.writeNumberField("mode", TRIANGLES);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void writeMaterial(JsonGenerator g, boolean textured) throws IOException {
        g.writeArrayFieldStart("materials");
        g.writeStartObject();
        g.writeStringField("name", "surface");
        g.writeObjectFieldStart("pbrMetallicRoughness");
        if (textured) {
            g.writeObjectFieldStart("baseColorTexture");
            g.writeNumberField("index", 0);
            g.writeNumberField("texCoord", 0);
            g.writeEndObject();
        }
        g.writeNumberField("metallicFactor", 0.0f);
        g.writeNumberField("roughnessFactor", ROUGHNESS);
        g.writeEndObject();
        g.writeBooleanField("doubleSided", false);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void writeTexture(JsonGenerator g, int imageView, String mimeType) throws IOException {
        g.writeArrayFieldStart("textures");
        g.writeStartObject();
        g.writeNumberField("sampler", 0);
        g.writeNumberField("source", 0);
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("images");
        g.writeStartObject();
        g.writeNumberField("bufferView", imageView);
        g.writeStringField("mimeType", mimeType);
        g.writeEndObject();
        g.writeEndArray();
        g.writeArrayFieldStart("samplers");
        g.writeStartObject();
        g.writeNumberField("magFilter", LINEAR);
        g.writeNumberField("minFilter", LINEAR);
        g.writeNumberField("wrapS", CLAMP_TO_EDGE);
        g.writeNumberField("wrapT", CLAMP_TO_EDGE);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void writeAccessors(JsonGenerator g, GlbLayout layout, float[] bounds) throws IOException {
        g.writeArrayFieldStart("accessors");
        startAccessor(g, POSITION, FLOAT, layout.vertexCount(), "VEC3");
        writeFloats(g, "min", bounds, 0);
        writeFloats(g, "max", bounds, 3);
        g.writeEndObject();
        startAccessor(g, NORMAL, FLOAT, layout.vertexCount(), "VEC3");
        g.writeEndObject();
        if (layout.hasImage()) {
            startAccessor(g, TEXCOORD, FLOAT, layout.vertexCount(), "VEC2");
            g.writeEndObject();
        }
        startAccessor(g, indicesAccessor(layout), layout.wideIndices() ? UNSIGNED_INT : UNSIGNED_SHORT,
                layout.indexCount(), "SCALAR");
        g.writeEndObject();
        g.writeEndArray();
    }

    /** Floats as floats: Jackson writes the shortest text that reads back as the same float, as glTF min/max need. */
    private static void writeFloats(JsonGenerator g, String field, float[] values, int from) throws IOException {
        g.writeArrayFieldStart(field);
        for (int i = from; i < from + 3; i++) {
            g.writeNumber(values[i]);
        }
        g.writeEndArray();
    }

    private static void startAccessor(JsonGenerator g, int view, int componentType, int count, String type)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("bufferView", view);
        g.writeNumberField("byteOffset", 0);
        g.writeNumberField("componentType", componentType);
        g.writeNumberField("count", count);
        g.writeStringField("type", type);
    }

    private static void writeBufferViews(JsonGenerator g, GlbLayout layout) throws IOException {
        g.writeArrayFieldStart("bufferViews");
        writeView(g, layout.positionsOffset(), layout.positionsLength(), ARRAY_BUFFER);
        writeView(g, layout.normalsOffset(), layout.normalsLength(), ARRAY_BUFFER);
        if (layout.hasImage()) {
            writeView(g, layout.uvsOffset(), layout.uvsLength(), ARRAY_BUFFER);
        }
        writeView(g, layout.indicesOffset(), layout.indicesLength(), ELEMENT_ARRAY_BUFFER);
        if (layout.hasImage()) {
            writeView(g, layout.imageOffset(), layout.imageLength(), 0);
        }
        g.writeEndArray();
    }

    private static void writeView(JsonGenerator g, int offset, int length, int target) throws IOException {
        g.writeStartObject();
        g.writeNumberField("buffer", 0);
        g.writeNumberField("byteOffset", offset);
        g.writeNumberField("byteLength", length);
        if (target != 0) {
            g.writeNumberField("target", target);
        }
        g.writeEndObject();
    }
}
