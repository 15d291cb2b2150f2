package dev.orfeas.mesh.decode;

/** The encoded formats the decoder accepts. */
enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    WEBP("webp");

    /** Shown to callers when the input is none of these. */
    static final String ACCEPTED = "PNG, JPEG or WebP";

    private final String formatName;

    ImageFormat(String formatName) {
        this.formatName = formatName;
    }

    /** The ImageIO format name, also reported in {@link DecodedImage#format()}. */
    String formatName() {
        return formatName;
    }
}
