package dev.orfeas.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/** User metadata travels in HTTP headers: keep keys and values printable ASCII. */
final class Metadata {

    private Metadata() {
    }

    static Map<String, String> sanitise(Map<String, String> metadata) {
        Map<String, String> clean = new LinkedHashMap<>();
        metadata.forEach((k, v) -> clean.put(k.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-"),
                v == null ? "" : v.replaceAll("[^\\x20-\\x7e]", "_")));
        return clean;
    }
}
