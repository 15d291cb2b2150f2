package dev.orfeas.monitoring;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * monitoring/kubernetes builds, and its PodMonitors scrape what the apps serve: the management port each app's
 * application.yaml sets, the actuator's Prometheus path; Knative's config asks for Prometheus metrics.
 */
class ClusterMonitoringTests {

    @Test
    void podMonitorsScrapeEachAppsManagementPort() {
        String built = Repo.run(Repo.ROOT, List.of("kubectl", "kustomize", "monitoring/kubernetes"));
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : built.split("(?m)^---$")) {
            docs.add(Yamls.YAML.readTree(doc));
        }
        Map<String, String> addressByMonitor = new HashMap<>();
        for (JsonNode doc : docs) {
            if (!"PodMonitor".equals(doc.path("kind").asString())) {
                continue;
            }
            assertThat(doc.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
            for (JsonNode endpoint : doc.path("spec").path("podMetricsEndpoints")) {
                for (JsonNode relabel : endpoint.path("relabelings")) {
                    if ("__address__".equals(relabel.path("targetLabel").asString())) {
                        addressByMonitor.put(doc.path("metadata").path("name").asString(),
                                relabel.path("replacement").asString());
                        assertThat(endpoint.path("path").asString()).isEqualTo("/actuator/prometheus");
                    }
                }
            }
        }
        assertThat(addressByMonitor).containsEntry("orfeas-generate", "$1:" + managementPort("generate"))
                .containsEntry("orfeas-events", "$1:" + managementPort("events"));
        assertThat(docs).anySatisfy(d -> assertThat(d.path("kind").asString()).isEqualTo("NetworkPolicy"));
    }

    @Test
    void knativeIsAskedForPrometheusMetrics() {
        JsonNode config = Yamls.tree(Repo.path("knative/observability/config-observability.yaml"));
        String bootstrap = Yamls.read(Repo.path("scripts/cluster-bootstrap.sh"));

        assertThat(config.path("data").path("metrics-protocol").asString()).isEqualTo("prometheus");
        assertThat(config.path("data").path("request-metrics-protocol").asString()).isEqualTo("prometheus");
        assertThat(bootstrap).contains("configmap/config-observability",
                "knative/observability/config-observability.yaml");
    }

    private static int managementPort(String app) {
        JsonNode yaml = Yamls.tree(Repo.path("functions/" + app + "/src/main/resources/application.yaml"));
        return yaml.path("management").path("server").path("port").asInt();
    }
}
