package dev.orfeas.manifests;

import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Spring Boot app under functions/ as its sources say: application.yaml, the @ConfigurationProperties of the
 * app and of the project modules it depends on (pom.xml), its HTTP mappings.
 */
record App(String name, Path module, JsonNode config, List<Path> sources) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)(?::([^}]*))?}");

    static App of(String name) {
        Path module = Repo.path("functions/" + name);
        if (!Files.isRegularFile(module.resolve("src/main/resources/application.yaml"))) {
            throw new IllegalArgumentException("no app functions/" + name);
        }
        List<Path> roots = new ArrayList<>();
        roots.add(module.resolve("src/main/java"));
        // project modules it depends on: <groupId>dev.orfeas</groupId><artifactId>X</artifactId> → functions/X
        Matcher dep = Pattern.compile("<groupId>dev\\.orfeas</groupId>\\s*<artifactId>([a-z0-9-]+)</artifactId>")
                .matcher(Repo.read(module.resolve("pom.xml")));
        while (dep.find()) {
            if (!dep.group(1).equals("orfeas-parent")) {
                roots.add(Repo.path("functions/" + dep.group(1) + "/src/main/java"));
            }
        }
        JsonNode config = Yaml.one(Repo.read(module.resolve("src/main/resources/application.yaml")));
        return new App(name, module, config, JavaSource.files(roots));
    }

    /** The app an image runs: orfeas/generate-gpu → generate. */
    static App forImage(String image) {
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return of(last.endsWith("-gpu") ? last.substring(0, last.length() - 4) : last);
    }

    /** application.yaml flattened to dotted keys → values. */
    Map<String, String> yamlProperties() {
        Map<String, String> flat = new TreeMap<>();
        flatten("", config, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isString() ? node.asString() : node.toString());
        }
    }

    /** Property names the app binds: its records' and application.yaml's ("x.y.*" for maps). */
    Set<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>(JavaSource.configurationProperties(sources));
        names.addAll(yamlProperties().keySet());
        return names;
    }

    /** Environment variables application.yaml reads directly, as ${NAME:default} placeholders. */
    Map<String, String> placeholders() {
        Map<String, String> found = new TreeMap<>();
        for (String value : yamlProperties().values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (m.group(1).equals(m.group(1).toUpperCase(java.util.Locale.ROOT))) {
                    found.put(m.group(1), m.group(2));
                }
            }
        }
        return found;
    }

    /** server.port as the app resolves it without PORT set: "${PORT:8080}" → 8080. */
    int defaultPort() {
        String value = yamlProperties().getOrDefault("server.port", "8080");
        Matcher m = PLACEHOLDER.matcher(value);
        return Integer.parseInt(m.matches() ? m.group(2) : value);
    }

    /** The HTTP paths health probes can use: actuator health (and its probe groups) plus the app's GET mappings. */
    Set<String> probePaths() {
        Map<String, String> yaml = yamlProperties();
        Set<String> paths = new LinkedHashSet<>();
        if (yaml.containsKey("management.server.port")) {
            // actuator on another port (Knative probes the serving port only): just the probes' additional paths
            if ("true".equals(yaml.get("management.endpoint.health.probes.add-additional-paths"))) {
                paths.add("/livez");
                paths.add("/readyz");
            }
        } else {
            actuatorHealthPaths(yaml, paths);
        }
        for (String mapping : JavaSource.httpMappings(sources)) {
            if (mapping.startsWith("GET ")) {
                paths.add(mapping.substring(4));
            }
        }
        return paths;
    }

    /** The app's actuator port: management.server.port, else the serving port. */
    int managementPort() {
        String value = yamlProperties().get("management.server.port");
        return value == null ? defaultPort() : Integer.parseInt(value);
    }

    private static void actuatorHealthPaths(Map<String, String> yaml, Set<String> paths) {
        String base = yaml.getOrDefault("management.endpoints.web.base-path", "/actuator");
        String exposed = yaml.getOrDefault("management.endpoints.web.exposure.include", "health");
        if (List.of(exposed.split("\\s*,\\s*")).stream().anyMatch(e -> e.equals("health") || e.equals("*"))) {
            paths.add(base + "/health");
            if ("true".equals(yaml.get("management.endpoint.health.probes.enabled"))) {
                paths.add(base + "/health/liveness");
                paths.add(base + "/health/readiness");
            }
            for (String key : yaml.keySet()) {
                Matcher group = Pattern.compile("management\\.endpoint\\.health\\.group\\.([a-z0-9-]+)\\..*").matcher(key);
                if (group.matches()) {
                    paths.add(base + "/health/" + group.group(1));
                }
            }
        }
    }

    /** Paths that take POST (CloudEvents and webhooks arrive this way). */
    Set<String> postPaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (String mapping : JavaSource.httpMappings(sources)) {
            if (mapping.startsWith("POST ")) {
                paths.add(mapping.substring(5));
            }
        }
        return paths;
    }
}
