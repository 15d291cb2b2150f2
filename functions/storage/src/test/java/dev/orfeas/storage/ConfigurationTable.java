package dev.orfeas.storage;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one configuration table (README.md, "Configuration") against the {@code @ConfigurationProperties} records:
 * the keys a record binds (kebab-case, nested records expanded) and the keys the table lists.
 */
public final class ConfigurationTable {

    private static final Pattern ROW = Pattern.compile("^\\| `(orfeas\\.[a-z0-9.\\-]+)(\\.\\*)?`", Pattern.MULTILINE);

    private ConfigurationTable() {
    }

    /** The keys a properties record binds under {@code prefix}; a nested record listed in {@code groups} stays one key ({@code prefix.name.*}). */
    public static Set<String> keys(Class<?> record, String prefix, Set<String> groups) {
        Set<String> keys = new TreeSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String key = prefix + "." + kebab(c.getName());
            Class<?> type = c.getType();
            if (groups.contains(key)) {
                keys.add(key + ".*");
            } else if (type.isRecord() && !(c.getGenericType() instanceof ParameterizedType)) {
                keys.addAll(keys(type, key, groups));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The keys under {@code prefix} the README's table lists ({@code key.*} for a group). */
    public static Set<String> documented(String prefix) throws IOException {
        Path readme = Path.of("").toAbsolutePath();
        while (!Files.exists(readme.resolve("README.md")) || !Files.exists(readme.resolve("functions"))) {
            readme = readme.getParent();
        }
        Matcher m = ROW.matcher(Files.readString(readme.resolve("README.md")));
        Set<String> keys = new TreeSet<>();
        while (m.find()) {
            String key = m.group(1) + (m.group(2) == null ? "" : ".*");
            if (key.startsWith(prefix + ".")) {
                keys.add(key);
            }
        }
        return keys;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
