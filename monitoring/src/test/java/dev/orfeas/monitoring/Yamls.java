package dev.orfeas.monitoring;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rule files' recording rules and alerts, by name. */
final class Yamls {

    static final YAMLMapper YAML = new YAMLMapper();

    record Rules(List<String> recorded, List<String> alerts, List<String> groups) {
    }

    private Yamls() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(Path file) {
        return YAML.readTree(read(file));
    }

    /** Rules of every *.rules.yml in dir whose group name starts with prefix (all when empty). */
    static Rules rules(Path dir, String groupPrefix) {
        List<String> recorded = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".rules.yml")).sorted().toList()) {
                for (JsonNode group : tree(file).path("groups")) {
                    if (!group.path("name").asString().startsWith(groupPrefix)) {
                        continue;
                    }
                    groups.add(group.path("name").asString());
                    for (JsonNode rule : group.path("rules")) {
                        if (rule.has("record")) {
                            recorded.add(rule.path("record").asString());
                        } else {
                            alerts.add(rule.path("alert").asString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rules(recorded, alerts, groups);
    }

    static Rules rules(Path dir) {
        return rules(dir, "");
    }
}
