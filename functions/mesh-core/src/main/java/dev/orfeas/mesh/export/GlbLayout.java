package dev.orfeas.mesh.export;

/**
 * Where each part sits in a GLB's BIN chunk: positions, normals, UVs, indices, then the PNG, each starting on a
 * 4-byte boundary. Vertex data is tightly packed, one attribute per bufferView, so no byteStride is needed. Without
 * an image there are no UVs either (an unused TEXCOORD_0 is what the validator would flag).
 */
record GlbLayout(int vertexCount, int indexCount, boolean wideIndices, int imageLength) {

    static final int FLOAT_VEC3 = 12;
    static final int FLOAT_VEC2 = 8;

    /** glTF allows UNSIGNED_SHORT indices up to 65,534 (65,535 is the primitive restart value). */
    static GlbLayout of(int vertexCount, int indexCount, int imageLength) {
        GlbLayout layout = new GlbLayout(vertexCount, indexCount, vertexCount >= 65_536, imageLength);
        layout.binLength(); // fails now, not halfway through writing, when the buffer would pass 2 GiB
        return layout;
    }

    int positionsOffset() {
        return 0;
    }

    int positionsLength() {
        return Math.multiplyExact(vertexCount, FLOAT_VEC3);
    }

    int normalsOffset() {
        return positionsOffset() + positionsLength();
    }

    int normalsLength() {
        return positionsLength();
    }

    int uvsOffset() {
        return Math.addExact(normalsOffset(), normalsLength());
    }

    int uvsLength() {
        return hasImage() ? Math.multiplyExact(vertexCount, FLOAT_VEC2) : 0;
    }

    int indicesOffset() {
        return Math.addExact(uvsOffset(), uvsLength());
    }

    int indicesLength() {
        return Math.multiplyExact(indexCount, wideIndices ? Integer.BYTES : Short.BYTES);
    }

    boolean hasImage() {
        return imageLength > 0;
    }

    int imageOffset() {
        return align4(Math.addExact(indicesOffset(), indicesLength()));
    }

    int binLength() {
        return align4(Math.addExact(imageOffset(), imageLength));
    }

    static int align4(int length) {
        return Math.addExact(length, 3) & ~3;
    }
}
