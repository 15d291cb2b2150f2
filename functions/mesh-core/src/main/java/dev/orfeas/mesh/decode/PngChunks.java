package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunk list: refuses truncated files and critical chunks with a bad CRC (the JDK reader checks
 * neither), and picks out the eXIf payload. Data after IEND is ignored.
 */
final class PngChunks {

    private static final int SIGNATURE_LENGTH = 8;

    private PngChunks() {
    }

    /** Validates the structure and returns the eXIf chunk's TIFF data, or null when there is none. */
    static byte[] validateAndFindExif(byte[] png) {
        byte[] exif = null;
        int pos = SIGNATURE_LENGTH;
        while (true) {
            if (png.length - pos < 12) {
                throw truncated();
            }
            long length = readInt(png, pos) & 0xFFFFFFFFL;
            if (length > png.length - pos - 12L) {
                throw truncated();
            }
            int dataStart = pos + 8;
            int dataEnd = dataStart + (int) length;
            String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean crcOk = crcMatches(png, pos + 4, dataEnd);
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (critical && !crcOk) {
                throw new ImageRejectedException.Undecodable("PNG data is corrupt (bad checksum in " + type + " chunk)");
            }
            if (crcOk && exif == null && type.equals("eXIf")) {
                exif = Arrays.copyOfRange(png, dataStart, dataEnd);
            }
            pos = dataEnd + 4;
            if (type.equals("IEND")) {
                return exif;
            }
        }
    }

    private static boolean crcMatches(byte[] png, int typeStart, int dataEnd) {
        CRC32 crc = new CRC32();
        crc.update(png, typeStart, dataEnd - typeStart);
        return (int) crc.getValue() == readInt(png, dataEnd);
    }

    private static int readInt(byte[] b, int pos) {
        return (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException.Undecodable("PNG data is truncated");
    }
}
