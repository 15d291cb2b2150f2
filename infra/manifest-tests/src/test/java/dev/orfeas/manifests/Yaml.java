package dev.orfeas.manifests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;

/** YAML and JSON documents as Jackson trees. */
final class Yaml {

    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Yaml() {
    }

    /** Every non-empty document of a multi-document YAML stream. */
    static List<JsonNode> documents(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = (JsonNode) it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static JsonNode one(String text) {
        List<JsonNode> docs = documents(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, got " + docs.size());
        }
        return docs.getFirst();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
