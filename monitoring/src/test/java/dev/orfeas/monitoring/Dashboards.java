package dev.orfeas.monitoring;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards of monitoring/grafana/dashboards and their queries, variables substituted. */
final class Dashboards {

    static final Path DIR = Repo.path("monitoring/grafana/dashboards");
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*[A-Za-z0-9_]+\\)");

    /** One query of a panel (or of a variable) in a dashboard. */
    record Query(String dashboard, String where, String expr) {

        /** The PromQL Prometheus gets from Grafana with "All" chosen and a one-minute rate interval. */
        String substituted() {
            String e = expr;
            Matcher m = LABEL_VALUES.matcher(e);
            if (m.matches()) {
                e = m.group(1); // label_values(series, label) lists the labels of these series
            }
            return e.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h")
                    .replaceAll("\\$\\{?(application|instance|namespace|service|node)}?", ".*");
        }
    }

    private Dashboards() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        return JSON.readTree(Yamls.read(file));
    }

    static List<Query> queries(Path file) {
        JsonNode dashboard = read(file);
        String uid = dashboard.path("uid").asString();
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(uid, "panel '" + panel.path("title").asString() + "'",
                        target.path("expr").asString()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                queries.add(new Query(uid, "variable " + variable.path("name").asString(),
                        variable.path("query").path("query").asString()));
            }
        }
        return queries;
    }
}
