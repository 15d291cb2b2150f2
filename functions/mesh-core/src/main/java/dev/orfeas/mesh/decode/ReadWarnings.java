package dev.orfeas.mesh.decode;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import java.util.Locale;

/**
 * Collects reader warnings that mean pixels are missing or wrong. libjpeg does not fail on a truncated or
 * corrupt scan: it warns ("Premature end of JPEG file", "Corrupt JPEG data: …") and fills the rest with grey.
 * Harmless warnings (extraneous bytes between markers, a bad ICC profile that is ignored) are not fatal.
 */
final class ReadWarnings implements IIOReadWarningListener {

    private String fatal;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (fatal == null && isFatal(warning)) {
            fatal = warning;
        }
    }

    /** The first warning that makes the image unusable, or null. */
    String fatal() {
        return fatal;
    }

    static boolean isFatal(String warning) {
        if (warning == null) {
            return false;
        }
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("extraneous bytes")) {
            return false;
        }
        return w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")
                || w.contains("corrupt jpeg data") || w.contains("huffman");
    }
}
