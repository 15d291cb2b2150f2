package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;

/** Tells the format from the leading magic bytes; file names and declared content types are not trusted. */
final class FormatSniffer {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private FormatSniffer() {
    }

    static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return ImageFormat.JPEG;
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return ImageFormat.WEBP;
        }
        throw new ImageRejectedException.UnsupportedType(
                "not a supported image type (" + describe(bytes) + "); send " + ImageFormat.ACCEPTED);
    }

    /** A short, safe hint at what was sent instead, for the error message. */
    private static String describe(byte[] bytes) {
        if (startsWith(bytes, 0, ascii("GIF8"))) {
            return "GIF";
        }
        if (startsWith(bytes, 0, ascii("BM"))) {
            return "BMP";
        }
        if (startsWith(bytes, 0, ascii("II*\0")) || startsWith(bytes, 0, ascii("MM\0*"))) {
            return "TIFF";
        }
        if (startsWith(bytes, 0, ascii("PK\3\4"))) {
            return "ZIP archive";
        }
        if (startsWith(bytes, 0, ascii("RIFF"))) {
            return "RIFF container that is not WebP";
        }
        return "unrecognised leading bytes";
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset < 0 || bytes.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
