package dev.orfeas.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition: attachment} with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
public final class ContentDispositions {

    private ContentDispositions() {
    }

    /** Null when there is no name to give. */
    public static String attachment(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String ascii = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
