package dev.orfeas.mesh.decode;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects reader warnings that mean pixels are missing or wrong. libjpeg does not fail on a truncated or
 * corrupt scan: it warns ("Premature end of JPEG file", "Corrupt JPEG data: …") and fills the rest with grey.
 * Harmless warnings (a few extraneous bytes between markers, a bad ICC profile that is ignored) are not fatal;
 * thousands of unread bytes before the end-of-image marker mean the scan was corrupt and decoding lost sync.
 */
final class ReadWarnings implements IIOReadWarningListener {

    /** A few stray bytes at the end of a scan are a writer quirk; more mean the decoder lost sync. */
    private static final int MAX_EXTRANEOUS_BYTES = 32;
    private static final Pattern EXTRANEOUS = Pattern.compile("(\\d+) extraneous bytes before marker 0xd9");

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
            return extraneousBeforeEndOfImage(w) > MAX_EXTRANEOUS_BYTES;
        }
        return w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")
                || w.contains("corrupt jpeg data") || w.contains("huffman");
    }

    private static long extraneousBeforeEndOfImage(String warning) {
        Matcher m = EXTRANEOUS.matcher(warning);
        return m.find() && m.group(1).length() < 10 ? Long.parseLong(m.group(1)) : 0;
    }
}
