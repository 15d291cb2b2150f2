package dev.orfeas.mesh.decode;

/** Reads the Orientation tag (0x0112) from IFD0 of an EXIF/TIFF block; 1 (upright) when absent or malformed. */
final class ExifOrientation {

    static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    static int read(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return UPRIGHT;
        }
        boolean littleEndian;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            littleEndian = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            littleEndian = false;
        } else {
            return UPRIGHT;
        }
        if (u16(tiff, 2, littleEndian) != 42) {
            return UPRIGHT;
        }
        long ifd = u32(tiff, 4, littleEndian);
        if (ifd < 8 || ifd + 2 > tiff.length) {
            return UPRIGHT;
        }
        int entries = u16(tiff, (int) ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > tiff.length) {
                return UPRIGHT;
            }
            if (u16(tiff, entry, littleEndian) == ORIENTATION_TAG) {
                if (u16(tiff, entry + 2, littleEndian) != TYPE_SHORT) {
                    return UPRIGHT;
                }
                int value = u16(tiff, entry + 8, littleEndian);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int pos, boolean le) {
        int b0 = b[pos] & 0xFF;
        int b1 = b[pos + 1] & 0xFF;
        return le ? b1 << 8 | b0 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int pos, boolean le) {
        long hi = u16(b, le ? pos + 2 : pos, le);
        long lo = u16(b, le ? pos : pos + 2, le);
        return hi << 16 | lo;
    }
}
