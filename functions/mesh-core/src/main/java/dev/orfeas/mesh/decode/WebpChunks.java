package dev.orfeas.mesh.decode;

import dev.orfeas.mesh.ImageRejectedException;

import java.util.Arrays;

/**
 * Walks a WebP file's RIFF chunks: refuses files shorter than their RIFF header or a chunk says (the WebP reader
 * would quietly decode a cut-off lossless stream), and picks out the EXIF chunk. Bytes after the RIFF end are ignored.
 */
final class WebpChunks {

    private static final int HEADER_LENGTH = 12;

    private WebpChunks() {
    }

    /** Validates the container and returns the EXIF chunk's TIFF data, or null when there is none. */
    static byte[] validateAndFindExif(byte[] webp) {
        long riffEnd = 8 + u32(webp, 4);
        if (riffEnd > webp.length) {
            throw truncated();
        }
        byte[] exif = null;
        int pos = HEADER_LENGTH;
        while (pos < riffEnd) {
            if (riffEnd - pos < 8) {
                throw truncated();
            }
            long size = u32(webp, pos + 4);
            int dataStart = pos + 8;
            if (size > riffEnd - dataStart) {
                throw truncated();
            }
            int dataEnd = dataStart + (int) size;
            if (exif == null && FormatSniffer.startsWith(webp, pos, FormatSniffer.ascii("EXIF"))) {
                // Some writers keep the JPEG-style "Exif\0\0" prefix.
                int start = FormatSniffer.startsWith(webp, dataStart, ExifLocator.EXIF_HEADER)
                        ? dataStart + ExifLocator.EXIF_HEADER.length : dataStart;
                exif = Arrays.copyOfRange(webp, Math.min(start, dataEnd), dataEnd);
            }
            pos = dataEnd + (int) (size & 1);
        }
        return exif;
    }

    private static long u32(byte[] b, int pos) {
        return (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
    }

    private static ImageRejectedException truncated() {
        return new ImageRejectedException.Undecodable("WebP data is truncated");
    }
}
