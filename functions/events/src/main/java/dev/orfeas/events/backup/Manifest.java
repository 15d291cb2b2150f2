package dev.orfeas.events.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A backup manifest: one tab-separated line per object, {@code key size checksum version time}, the format
 * scripts/backup.sh and scripts/restore.sh share. Keys are written with {@code %}, tab, CR and LF
 * percent-encoded so any S3 key fits on one line; version is {@code null} on unversioned buckets.
 */
final class Manifest {

    /** One object as backed up. */
    record Entry(String key, long size, String checksum, String version, String time) {
    }

    static final String MEDIA_TYPE = "text/tab-separated-values";
    private static final Pattern CHECKSUM = Pattern.compile("md5:[0-9a-f]{32}|sha256:[0-9a-f]{64}");
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Manifest() {
    }

    /** {@code <prefix><UTC time>.tsv}: names sort by time, so retention keeps the lexically greatest. */
    static String name(String prefix, Instant at) {
        return prefix + NAME_TIME.format(at) + ".tsv";
    }

    static byte[] write(List<Entry> entries) {
        StringBuilder out = new StringBuilder(entries.size() * 96);
        for (Entry e : entries) {
            out.append(encodeKey(e.key())).append('\t').append(e.size()).append('\t').append(e.checksum())
                    .append('\t').append(e.version() == null ? "null" : e.version()).append('\t')
                    .append(e.time()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a manifest; a line that is not one well-formed entry fails the whole parse (it names the line). */
    static List<Entry> parse(byte[] bytes) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("manifest line " + (i + 1) + ": expected 5 tab-separated fields, got "
                        + f.length);
            }
            String key = decodeKey(f[0]);
            if (key.isEmpty() || key.length() > 1024) {
                throw new IllegalArgumentException("manifest line " + (i + 1) + ": key must be 1-1024 characters");
            }
            long size;
            try {
                size = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new IllegalArgumentException("manifest line " + (i + 1) + ": size is not a number: " + f[1]);
            }
            if (!CHECKSUM.matcher(f[2]).matches()) {
                throw new IllegalArgumentException("manifest line " + (i + 1) + ": checksum must be md5:<hex> or "
                        + "sha256:<hex>");
            }
            entries.add(new Entry(key, size, f[2], "null".equals(f[3]) ? null : f[3], f[4]));
        }
        return entries;
    }

    static String encodeKey(String key) {
        return key.replace("%", "%25").replace("\t", "%09").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String decodeKey(String encoded) {
        return encoded.replace("%09", "\t").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }
}
