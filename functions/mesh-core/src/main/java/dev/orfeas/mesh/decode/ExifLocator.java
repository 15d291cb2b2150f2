package dev.orfeas.mesh.decode;

import java.util.Arrays;

/** Finds the EXIF (TIFF-structured) block in a JPEG's APP1 segment; null when absent. */
final class ExifLocator {

    static final byte[] EXIF_HEADER = FormatSniffer.ascii("Exif\0\0");

    private ExifLocator() {
    }

    /** Scans the JPEG marker segments up to the first scan for an APP1 "Exif" segment. */
    static byte[] inJpeg(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return null;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                pos += 2;
                continue;
            }
            int length = (jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF);
            int dataStart = pos + 4;
            int dataEnd = pos + 2 + length;
            if (length < 2 || dataEnd > jpeg.length) {
                return null;
            }
            if (marker == 0xE1 && FormatSniffer.startsWith(jpeg, dataStart, EXIF_HEADER)) {
                return Arrays.copyOfRange(jpeg, dataStart + EXIF_HEADER.length, dataEnd);
            }
            pos = dataEnd;
        }
        return null;
    }
}
