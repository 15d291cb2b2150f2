package dev.orfeas.monitoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Grafana's file provisioning needs, checked without Grafana (it has no Debian package): a data source with a
 * fixed uid, a dashboard provider pointing where compose mounts the dashboards, and dashboards Grafana loads and
 * that stay portable (a datasource variable on every panel, $__rate_interval, units, no instance written in).
 */
class GrafanaProvisioningTests {

    private static final Path GRAFANA = Repo.path("monitoring/grafana");

    static List<Path> dashboards() {
        return Dashboards.files();
    }

    @Test
    void datasourceHasAFixedUidAndTheProviderReadsTheMountedFolder() {
        JsonNode datasources = Yamls.tree(GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        JsonNode providers = Yamls.tree(GRAFANA.resolve("provisioning/dashboards/orfeas.yml"));
        String compose = Yamls.read(Repo.path("infra/compose/docker-compose.production.yml"));

        assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
        assertThat(datasources.path("datasources").get(0).path("type").asString()).isEqualTo("prometheus");
        assertThat(datasources.path("datasources").get(0).path("uid").asString()).isEqualTo("prometheus");
        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = providers.path("providers").get(0);
        assertThat(provider.path("type").asString()).isEqualTo("file");
        String path = provider.path("options").path("path").asString();
        assertThat(compose).contains("../../monitoring/grafana/dashboards:" + path + ":ro",
                "../../monitoring/grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void dashboardUidsAreUniqueAndTheExpectedSetIsThere() {
        Set<String> uids = new HashSet<>();
        for (Path file : Dashboards.files()) {
            assertThat(uids.add(Dashboards.read(file).path("uid").asString())).as("uid of " + file).isTrue();
        }
        assertThat(uids).containsExactlyInAnyOrder("orfeas-service", "orfeas-pipeline", "orfeas-events",
                "orfeas-knative", "orfeas-jvm", "orfeas-gpu");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void dashboardIsWhatGrafanaProvisioningLoads(Path file) {
        JsonNode d = Dashboards.read(file);

        assertThat(d.path("uid").asString()).matches("[a-z0-9-]{1,40}");
        assertThat(d.path("title").asString()).isNotBlank();
        assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(d.has("id")).as("no database id in a provisioned dashboard").isFalse();
        JsonNode variables = d.path("templating").path("list");
        assertThat(variables.get(0).path("name").asString()).isEqualTo("datasource");
        assertThat(variables.get(0).path("type").asString()).isEqualTo("datasource");
        assertThat(variables.get(0).path("query").asString()).isEqualTo("prometheus");
        Set<Integer> ids = new HashSet<>();
        assertThat(d.path("panels").size()).isPositive();
        for (JsonNode panel : d.path("panels")) {
            String name = file.getFileName() + " panel '" + panel.path("title").asString() + "'";
            assertThat(ids.add(panel.path("id").asInt())).as(name + " id unique").isTrue();
            assertThat(panel.path("type").asString()).as(name).isIn("timeseries", "stat");
            assertThat(panel.path("datasource").path("uid").asString()).as(name).isEqualTo("${datasource}");
            assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString()).as(name + " unit")
                    .isNotBlank();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as(name).isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(name).isLessThanOrEqualTo(24);
            assertThat(panel.path("targets").size()).as(name).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("refId").asString()).as(name).isNotBlank();
                assertThat(target.path("datasource").path("uid").asString()).as(name).isEqualTo("${datasource}");
            }
        }
        for (var query : Dashboards.queries(file)) {
            String where = file.getFileName() + " " + query.where();
            assertThat(query.expr()).as(where).isNotBlank()
                    .doesNotContainPattern("instance=~?\"[^$]");
            if (query.expr().contains("rate(")) {
                assertThat(query.expr()).as(where + " uses $__rate_interval").contains("[$__rate_interval]");
            }
        }
    }
}
