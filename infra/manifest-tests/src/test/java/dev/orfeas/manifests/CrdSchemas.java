package dev.orfeas.manifests;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CRDs vendored in knative/crds (or another folder): the openAPIV3Schema of each served version, made strict (a field the
 * schema does not know is an error, where the API server would silently prune it), and the feature flags that
 * field descriptions name ("This is accessible behind a feature flag - kubernetes.podspec-tolerations").
 */
final class CrdSchemas {

    static final Path DIR = Repo.path("knative/crds");
    private static final Pattern FLAG = Pattern.compile("feature flag - ([a-z0-9.-]+)");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    /** group/kind → CRD. */
    private final Map<String, JsonNode> crds = new HashMap<>();
    private final Map<String, Schema> compiled = new HashMap<>();

    CrdSchemas() {
        this(DIR);
    }

    /** The CRDs of another vendored folder (monitoring/kubernetes/crds: the Prometheus Operator's). */
    CrdSchemas(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : Yaml.documents(Repo.read(file))) {
                    if ("CustomResourceDefinition".equals(doc.path("kind").asString(""))) {
                        crds.put(doc.path("spec").path("group").asString() + "/"
                                + doc.path("spec").path("names").path("kind").asString(), doc);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean has(String group, String kind) {
        return crds.containsKey(group + "/" + kind);
    }

    /** The schema of a served version, or empty when the CRD does not serve it. */
    Optional<JsonNode> schema(String group, String kind, String version) {
        JsonNode crd = crds.get(group + "/" + kind);
        if (crd == null) {
            return Optional.empty();
        }
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asString().equals(version) && v.path("served").asBoolean(false)) {
                return Optional.of(v.path("schema").path("openAPIV3Schema"));
            }
        }
        return Optional.empty();
    }

    /** Schema violations of one object (empty: valid). */
    List<String> validate(Manifests.K8sObject object) {
        String key = object.group() + "/" + object.kind() + "/" + object.version();
        JsonNode raw = schema(object.group(), object.kind(), object.version()).orElseThrow(() ->
                new IllegalArgumentException("no served CRD version for " + object.apiVersion() + " " + object.kind()));
        Schema schema = compiled.computeIfAbsent(key, k -> REGISTRY.getSchema(strict(raw)));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(object.node())) {
            problems.add(object.id() + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return problems;
    }

    /** Feature flag → the paths in the object that need it. */
    Map<String, List<String>> flagsUsed(Manifests.K8sObject object) {
        Map<String, List<String>> flags = new TreeMap<>();
        schema(object.group(), object.kind(), object.version())
                .ifPresent(s -> walk(object.node(), s, "", flags));
        return flags;
    }

    private static void walk(JsonNode value, JsonNode schema, String path, Map<String, List<String>> flags) {
        if (value.isObject()) {
            for (var field : value.properties()) {
                JsonNode fieldSchema = schema.path("properties").path(field.getKey());
                if (fieldSchema.isMissingNode()) {
                    fieldSchema = schema.path("additionalProperties");
                }
                String fieldPath = path + "/" + field.getKey();
                note(fieldSchema, fieldPath, flags);
                walk(field.getValue(), fieldSchema, fieldPath, flags);
            }
        } else if (value.isArray()) {
            JsonNode items = schema.path("items");
            note(items, path + "/*", flags);
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), items, path + "/" + i, flags);
            }
        }
    }

    private static void note(JsonNode schema, String path, Map<String, List<String>> flags) {
        Matcher m = FLAG.matcher(schema.path("description").asString(""));
        while (m.find()) {
            flags.computeIfAbsent(m.group(1), f -> new ArrayList<>()).add(path);
        }
    }

    /** A copy where unknown fields fail and Kubernetes' int-or-string extension is understood. */
    static JsonNode strict(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        // every object has these whether or not a CRD's schema lists them (Eventing's do not)
        ObjectNode properties = copy.has("properties") ? (ObjectNode) copy.get("properties") : copy.putObject("properties");
        if (!properties.has("apiVersion")) {
            properties.putObject("apiVersion").put("type", "string");
        }
        if (!properties.has("kind")) {
            properties.putObject("kind").put("type", "string");
        }
        if (!properties.has("metadata")) {
            properties.putObject("metadata").put("type", "object");
        }
        tighten(copy);
        return copy;
    }

    private static void tighten(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("format");
            if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
                o.remove("type");
                ArrayNode anyOf = o.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            if (o.path("nullable").asBoolean(false) && o.path("type").isString()) {
                ArrayNode types = JsonNodeFactory.instance.arrayNode().add(o.path("type").asString()).add("null");
                o.set("type", types);
            }
            for (var field : o.properties()) {
                switch (field.getKey()) {
                    // maps of field name → schema: the names are data, their values schemas
                    case "properties", "patternProperties", "definitions" -> field.getValue().forEach(CrdSchemas::tighten);
                    case "enum", "default", "example", "required" -> { }
                    default -> tighten(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(CrdSchemas::tighten);
        }
    }

    /** Flags a config-features ConfigMap (the vendored one, as shipped) turns on by default. */
    static Map<String, String> flagDefaults() {
        JsonNode cm = Yaml.one(Repo.read(DIR.resolve("serving/config-features.yaml")));
        Map<String, String> defaults = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([a-z0-9.-]+):\\s*\"(enabled|disabled|allowed)\"")
                .matcher(cm.path("data").path("_example").asString(""));
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        return defaults;
    }
}
