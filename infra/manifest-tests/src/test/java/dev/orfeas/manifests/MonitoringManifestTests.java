package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * monitoring/kubernetes against the Prometheus Operator's CRDs (vendored in monitoring/kubernetes/crds, strict: an
 * unknown field fails), and its PrometheusRule carries exactly the rule groups of monitoring/prometheus/rules — the
 * files promtool's unit tests cover — so the cluster alerts on what was tested.
 */
class MonitoringManifestTests {

    private static final Path KUSTOMIZATION = Repo.path("monitoring/kubernetes");
    private static final CrdSchemas CRDS = new CrdSchemas(Repo.path("monitoring/kubernetes/crds"));

    @Test
    void everyOperatorObjectValidatesAgainstItsVendoredCrd() {
        List<K8sObject> operatorObjects = Manifests.build(KUSTOMIZATION).stream()
                .filter(o -> "monitoring.coreos.com".equals(o.group())).toList();

        assertThat(operatorObjects).extracting(K8sObject::kind).contains("PodMonitor", "PrometheusRule");
        List<String> problems = new ArrayList<>();
        for (K8sObject o : operatorObjects) {
            assertThat(CRDS.has(o.group(), o.kind())).as("vendored CRD for %s", o.kind()).isTrue();
            problems.addAll(CRDS.validate(o));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePrometheusRuleHoldsTheTestedRuleGroupsUnchanged() {
        K8sObject rule = Manifests.build(KUSTOMIZATION).stream().filter(o -> "PrometheusRule".equals(o.kind()))
                .findFirst().orElseThrow();
        ArrayNode tested = JsonNodeFactory.instance.arrayNode();
        for (Path file : rulesFiles()) {
            Yaml.documents(Repo.read(file)).getFirst().path("groups").forEach(tested::add);
        }
        JsonNode deployed = rule.node().path("spec").path("groups");

        assertThat(tested.size()).isGreaterThanOrEqualTo(4);
        assertThat(deployed).as("run monitoring/kubernetes/render-prometheusrule.py after changing a rules file")
                .isEqualTo(tested);
    }

    private static List<Path> rulesFiles() {
        try (Stream<Path> files = Files.list(Repo.path("monitoring/prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
