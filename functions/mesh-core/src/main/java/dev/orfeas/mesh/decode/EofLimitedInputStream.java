package dev.orfeas.mesh.decode;

import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * An in-memory image stream (no cache files) that gives up once a reader keeps reading past the end.
 *
 * <p>Some readers treat end-of-data as "more zero bits": the TwelveMonkeys WebP lossless bit reader swallows
 * {@link java.io.EOFException} and carries on, so a cut-off or crafted stream can spin for minutes building an
 * exception per byte. A handful of end-of-data hits is normal (look-ahead while decoding the last bytes); past
 * {@link #MAX_READS_AT_END} the read is abandoned with an unchecked exception the reader cannot swallow.
 */
final class EofLimitedInputStream extends MemoryCacheImageInputStream {

    static final int MAX_READS_AT_END = 1024;

    private int readsAtEnd;

    EofLimitedInputStream(byte[] bytes) {
        super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
        }
        return n;
    }

    private void atEnd() {
        if (++readsAtEnd > MAX_READS_AT_END) {
            throw new PastEndOfData();
        }
    }

    /** The reader kept asking for data that is not there: the image is truncated or its sizes are corrupt. */
    static final class PastEndOfData extends RuntimeException {
        PastEndOfData() {
            super("image data ends before the image does", null, false, false);
        }
    }
}
