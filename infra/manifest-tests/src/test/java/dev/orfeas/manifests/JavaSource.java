package dev.orfeas.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough reading of the apps' Java sources to learn their configuration keys and HTTP paths without a second,
 * hand-kept list: {@code @ConfigurationProperties} records (nested records included) and {@code @*Mapping} paths.
 */
final class JavaSource {

    private static final Pattern PROPERTIES = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
    private static final Pattern MAPPING = Pattern.compile(
            "@(Get|Post|Put|Delete|Patch)Mapping\\(\\s*(?:(?:path|value)\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+");

    private JavaSource() {
    }

    static List<Path> files(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Every property name (kebab-case, "prefix.name.sub") the @ConfigurationProperties records in these files bind. */
    static Set<String> configurationProperties(List<Path> files) {
        // record name → the source declaring it, so a component typed by another file's record is followed too
        java.util.Map<String, String> records = new java.util.HashMap<>();
        Pattern declaration = Pattern.compile("record\\s+(\\w+)\\s*\\(");
        List<String> sources = files.stream().map(Repo::read).toList();
        for (String source : sources) {
            Matcher d = declaration.matcher(source);
            while (d.find()) {
                records.putIfAbsent(d.group(1), source);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < files.size(); i++) {
            String source = sources.get(i);
            Matcher m = PROPERTIES.matcher(source);
            while (m.find()) {
                String prefix = m.group(1);
                int record = source.indexOf("record ", m.end());
                int clazz = source.indexOf("class ", m.end());
                if (record < 0 || (clazz >= 0 && clazz < record)) {
                    throw new IllegalStateException(files.get(i) + ": @ConfigurationProperties(\"" + prefix
                            + "\") is not on a record; teach JavaSource to read JavaBean properties");
                }
                addRecord(records, source, source.substring(record + 7, source.indexOf('(', record)).strip(), prefix,
                        names, 0);
            }
        }
        return names;
    }

    private static void addRecord(java.util.Map<String, String> records, String current, String type, String prefix,
                                  Set<String> names, int depth) {
        // a record nested in the current file wins over one of the same name elsewhere
        Pattern declared = Pattern.compile("record\\s+" + Pattern.quote(type) + "\\s*\\(");
        String source = declared.matcher(current).find() ? current : records.get(type);
        if (source == null || depth > 8) {
            throw new IllegalStateException("no record " + type + " among the sources (or nested too deep)");
        }
        Matcher header = declared.matcher(source);
        header.find();
        for (String component : components(source, header.end())) {
            String bare = ANNOTATION.matcher(stripParens(component)).replaceAll(" ").strip();
            String[] words = bare.split("\\s+");
            String name = words[words.length - 1];
            String componentType = bare.substring(0, bare.length() - name.length()).strip();
            String property = prefix + "." + kebab(name);
            if (componentType.startsWith("Map<")) {
                names.add(property + ".*");
            } else if (records.containsKey(componentType)) {
                addRecord(records, source, componentType, property, names, depth + 1);
            } else {
                names.add(property);
            }
        }
    }

    /** The comma-separated components between the parenthesis at {@code start} and its match. */
    private static List<String> components(String source, int start) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int angle = 0;
        boolean string = false;
        StringBuilder current = new StringBuilder();
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (string) {
                current.append(c);
                if (c == '\\') {
                    current.append(source.charAt(++i));
                } else if (c == '"') {
                    string = false;
                }
                continue;
            }
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                continue;
            }
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                i = source.indexOf("*/", i) + 1;
                continue;
            }
            switch (c) {
                case '"' -> string = true;
                case '(' -> depth++;
                case '<' -> angle++;
                case '>' -> angle--;
                default -> { }
            }
            if (c == ')' && depth == 0) {
                if (!current.toString().isBlank()) {
                    parts.add(current.toString());
                }
                return parts;
            }
            if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0 && angle == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        throw new IllegalStateException("unbalanced record header");
    }

    /** Removes "( … )" groups (annotation arguments), strings included. */
    private static String stripParens(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean string = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
                continue;
            }
            if (c == '"' && depth > 0) {
                string = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A {@code @RequestMapping("…")} on a type (a method-level one, like the error controller's, is fine). */
    private static final Pattern CLASS_LEVEL_MAPPING = Pattern.compile(
            "@RequestMapping\\(\"[^\"]*\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:(?:public|final|abstract)\\s+)*(?:class|record|interface)\\s");

    /** "METHOD /path" for every mapping annotation (class-level prefixes are not used by the apps). */
    static Set<String> httpMappings(List<Path> files) {
        Set<String> mappings = new LinkedHashSet<>();
        for (Path file : files) {
            String source = Repo.read(file);
            if (CLASS_LEVEL_MAPPING.matcher(source).find()) {
                throw new IllegalStateException(file + ": class-level @RequestMapping; teach JavaSource to prefix it");
            }
            Matcher m = MAPPING.matcher(source);
            while (m.find()) {
                mappings.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
            }
        }
        return mappings;
    }

    /** Every string constant "dev.orfeas.…" or "dev.knative.…" (CloudEvent types) in these files. */
    static Set<String> eventTypes(List<Path> files) {
        Set<String> types = new LinkedHashSet<>();
        Pattern constant = Pattern.compile("\"(dev\\.(?:orfeas|knative)\\.[a-z]+(?:\\.[a-z]+)+)\"");
        for (Path file : files) {
            Matcher m = constant.matcher(Repo.read(file));
            while (m.find()) {
                types.add(m.group(1));
            }
        }
        return types;
    }
}
