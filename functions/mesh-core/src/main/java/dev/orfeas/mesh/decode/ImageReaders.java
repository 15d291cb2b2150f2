package dev.orfeas.mesh.decode;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import java.util.Iterator;

/**
 * Picks a fresh reader per call (readers are not thread-safe), always the same one for a format so that the
 * same bytes give the same pixels: TwelveMonkeys for JPEG (CMYK/YCCK, ICC) and WebP, the JDK for PNG.
 */
final class ImageReaders {

    private static final String TWELVEMONKEYS = "com.twelvemonkeys.";

    private ImageReaders() {
    }

    static ImageReader create(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.formatName());
        ImageReader first = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            boolean preferred = reader.getClass().getName().startsWith(TWELVEMONKEYS) == (format != ImageFormat.PNG);
            if (preferred) {
                if (first != null) {
                    first.dispose();
                }
                return reader;
            }
            if (first == null) {
                first = reader;
            } else {
                reader.dispose();
            }
        }
        if (first == null) {
            throw new IllegalStateException("no ImageIO reader for " + format.formatName() + " on the classpath");
        }
        return first;
    }
}
