package dev.orfeas.monitoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** promtool over monitoring/prometheus: the config, the rules, and the rules' unit tests. */
class PrometheusRulesTests {

    private static final Path DIR = Repo.path("monitoring/prometheus");

    @Test
    void scrapeConfigAndRuleFilesAreValid() {
        assertThat(Repo.run(DIR, List.of("promtool", "check", "config", "prometheus.yml")))
                .contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyRuleUnitTestPasses() throws IOException {
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> tests = Files.list(DIR.resolve("tests"))) {
            tests.filter(p -> p.toString().endsWith(".test.yml")).sorted()
                    .forEach(p -> command.add(DIR.relativize(p).toString()));
        }
        assertThat(command).hasSizeGreaterThan(3);

        assertThat(Repo.run(DIR, command)).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasAFiringAndANotFiringCase() throws IOException {
        var rules = Yamls.rules(DIR.resolve("rules"));
        String tests;
        try (Stream<Path> files = Files.list(DIR.resolve("tests"))) {
            tests = String.join("\n", files.sorted().map(Yamls::read).toList());
        }
        for (String alert : rules.alerts()) {
            assertThat(tests).as("a firing case of " + alert)
                    .containsPattern("alertname: " + alert + "\\s+eval_time: \\S+\\s+exp_alerts:\\s+- ");
            assertThat(tests).as("a not-firing case of " + alert)
                    .containsPattern("alertname: " + alert + ", eval_time: \\S+, exp_alerts: \\[]");
        }
    }
}
