package dev.orfeas.generate.generation;

import java.util.regex.Pattern;

/** Where a mesh's objects live in the meshes bucket. */
public final class MeshLayout {

    /** Mesh ids are lower-case hex content hashes. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{16,64}");
    public static final String RECENT_PREFIX = "recent/";

    private MeshLayout() {
    }

    public static String meta(String id) {
        return id + "/meta.json";
    }

    public static String model(String id, String extension) {
        return id + "/model." + extension;
    }

    public static String file(String id, String name) {
        return id + "/" + name;
    }

    public static String source(String id, String extension) {
        return id + "/source." + extension;
    }

    /** An empty marker whose key sorts newest first: {@code recent/<max - epochMillis>-<id>}. */
    public static String recent(String id, long epochMillis) {
        return RECENT_PREFIX + String.format("%019d", Long.MAX_VALUE - epochMillis) + "-" + id;
    }

    /** The mesh id and creation time a {@link #recent} key names. */
    public static RecentKey parseRecent(String key) {
        String rest = key.substring(RECENT_PREFIX.length());
        int dash = rest.indexOf('-');
        return new RecentKey(rest.substring(dash + 1), Long.MAX_VALUE - Long.parseLong(rest.substring(0, dash)));
    }

    public record RecentKey(String id, long epochMillis) {
    }

    public static String extensionFor(String contentType, String decodedFormat) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("image/png")) {
            return "png";
        }
        if (type.startsWith("image/jpeg")) {
            return "jpg";
        }
        if (type.startsWith("image/webp")) {
            return "webp";
        }
        return switch (decodedFormat == null ? "" : decodedFormat) {
            case "jpeg" -> "jpg";
            case "png", "webp" -> decodedFormat;
            default -> "bin";
        };
    }
}
