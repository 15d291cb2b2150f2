package dev.orfeas.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with an ASCII fallback name and the UTF-8 name (RFC 6266). Bidirectional
 * control characters are removed first: a right-to-left override in {@code cat\u202Ebnl.exe} would show the name
 * as {@code catexe.lnb} in a file dialog.
 */
public final class ContentDispositions {

    /** LRE, RLE, PDF, LRO, RLO (U+202A–U+202E), LRI, RLI, FSI, PDI (U+2066–U+2069), LRM, RLM (U+200E, U+200F). */
    private static final String BIDI_CONTROLS = "[\u202A-\u202E\u2066-\u2069\u200E\u200F]";

    private ContentDispositions() {
    }

    /** Null when there is no name to give. */
    public static String attachment(String name) {
        String fileName = name == null ? null : name.replaceAll(BIDI_CONTROLS, "");
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String ascii = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
