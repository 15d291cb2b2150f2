package dev.orfeas.generate.jobs;

import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link ProblemDetail} as the JSON object /generate answers (type, title, status, detail, requestId …). */
final class ProblemJson {

    private ProblemJson() {
    }

    static JsonNode of(ProblemDetail problem, JsonMapper json) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", problem.getType().toString());
        map.put("title", problem.getTitle());
        map.put("status", problem.getStatus());
        map.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            map.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            map.putAll(problem.getProperties());
        }
        return json.valueToTree(map);
    }
}
