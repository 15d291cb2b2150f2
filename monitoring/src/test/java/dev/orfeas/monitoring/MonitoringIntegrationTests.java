package dev.orfeas.monitoring;

import dev.orfeas.storage.LocalS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring as a whole against the real thing: both apps (their built jars) on the embedded S3, Debian's
 * Prometheus on the project's own scrape config and rules (targets pointed at loopback, intervals shortened, the
 * MinIO job dropped as there is no MinIO here, a synthetic exporter of Knative/DCGM names added), a bounded load of
 * a few seconds, then through Prometheus's HTTP API: every target up, every recording rule with data, every
 * dashboard query (variables as Grafana substitutes them for "All") with a non-empty result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<AutoCloseable> running = new ArrayList<>();
    private Path work;
    private AppProcess generate;
    private AppProcess events;
    private URI prometheus;

    @BeforeAll
    void startEverythingAndDriveLoad() throws Exception {
        work = Files.createTempDirectory("orfeas-monitoring-");
        LocalS3Server s3 = LocalS3Server.shared();
        List<String> storage = s3.springProperties().stream().map(p -> "--" + p).toList();
        generate = start("generate", storage, List.of("--orfeas.security.open=true"));
        events = start("events", storage, List.of("--orfeas.events.adapter.auth-token=monitoring-test-token",
                "--orfeas.events.sink.generate-url=http://127.0.0.1:" + generate.port + "/"));
        PlatformExporter platform = new PlatformExporter();
        running.add(platform);
        generate.awaitReady(HTTP);
        events.awaitReady(HTTP);
        prometheus = startPrometheus(platform.port());
        Load.drive(HTTP, generate, events, Duration.ofSeconds(8));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable c : running.reversed()) {
            c.close();
        }
    }

    @Test
    void everyTargetIsUp() throws Exception {
        JsonNode active = eventually(Duration.ofSeconds(30), () -> {
            JsonNode targets = api("/api/v1/targets?state=active").path("data").path("activeTargets");
            for (JsonNode t : targets) {
                assertThat(t.path("health").asString()).as(t.path("labels").path("job") + " " + t.path("lastError"))
                        .isEqualTo("up");
            }
            return targets;
        });
        List<String> jobs = new ArrayList<>();
        active.forEach(t -> jobs.add(t.path("labels").path("job").asString()));
        assertThat(jobs).containsExactlyInAnyOrder("generate", "events", "prometheus", "platform-synthetic");
    }

    @Test
    void everyRecordingRuleHasData() throws Exception {
        var rules = Yamls.rules(Repo.path("monitoring/prometheus/rules"));
        assertThat(rules.recorded()).hasSizeGreaterThan(10);
        eventually(Duration.ofSeconds(60), () -> {
            assertThat(empty(rules.recorded())).as("recording rules without data").isEmpty();
            return null;
        });
    }

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        List<String> queries = new ArrayList<>();
        Map<String, String> where = new TreeMap<>();
        for (Path file : Dashboards.files()) {
            for (var q : Dashboards.queries(file)) {
                queries.add(q.substituted());
                where.put(q.substituted(), q.dashboard() + " " + q.where());
            }
        }
        assertThat(queries).hasSizeGreaterThan(30);
        eventually(Duration.ofSeconds(60), () -> {
            List<String> missing = empty(queries).stream().map(q -> where.get(q) + ": " + q).toList();
            assertThat(missing).as("dashboard queries without data").isEmpty();
            return null;
        });
    }

    @Test
    void theScrapedTextIsCleanForPromtool() throws Exception {
        for (AppProcess app : List.of(generate, events)) {
            Path scrape = work.resolve(app.name + ".prom");
            Files.writeString(scrape, HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + app.managementPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(Repo.run(work, List.of("sh", "-c", "promtool check metrics < " + scrape + " 2>&1")))
                    .as(app.name).isBlank();
        }
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() throws Exception {
        for (AppProcess app : List.of(generate, events)) {
            assertThat(status(app.uri("/actuator/prometheus"))).as(app.name).isIn(401, 404);
            assertThat(status(app.uri("/livez"))).as(app.name).isEqualTo(200);
            assertThat(status(URI.create("http://127.0.0.1:" + app.managementPort + "/actuator/health/readiness")))
                    .as(app.name).isEqualTo(200);
        }
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private AppProcess start(String name, List<String> storage, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(storage);
        args.addAll(extra);
        AppProcess app = AppProcess.start(name, args, work);
        running.add(app);
        return app;
    }

    /** The project's prometheus.yml with loopback targets, 1 s intervals, no MinIO, the synthetic exporter. */
    private URI startPrometheus(int platformPort) throws Exception {
        Path dir = work.resolve("prometheus");
        Files.createDirectories(dir.resolve("rules"));
        try (var rules = Files.list(Repo.path("monitoring/prometheus/rules"))) {
            for (Path rule : rules.toList()) {
                Files.copy(rule, dir.resolve("rules").resolve(rule.getFileName()));
            }
        }
        int port = AppProcess.freePort();
        String config = Yamls.read(Repo.path("monitoring/prometheus/prometheus.yml"))
                .replace("scrape_interval: 15s", "scrape_interval: 1s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 1s")
                // the stack finds each generate replica through Docker's DNS; here there is one, on loopback
                .replace("""
                            dns_sd_configs:
                              - names: [generate]
                                type: A
                                port: 8081
                                refresh_interval: 15s
                        """, "    static_configs:\n      - targets: [\"127.0.0.1:" + generate.managementPort + "\"]\n")
                .replace("\"events:8082\"", "\"127.0.0.1:" + events.managementPort + "\"")
                .replace("\"localhost:9090\"", "\"127.0.0.1:" + port + "\"")
                .replaceAll("(?s)  - job_name: minio\\n.*?(?=  - job_name:)", "");
        assertThat(config).as("the config names the apps' management ports").doesNotContain("port: 8081")
                .doesNotContain("minio");
        config += "  - job_name: platform-synthetic\n    static_configs:\n      - targets: [\"127.0.0.1:"
                + platformPort + "\"]\n";
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Path log = work.resolve("prometheus.log");
        Process process = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running.add(() -> process.destroyForcibly().waitFor());
        URI base = URI.create("http://127.0.0.1:" + port);
        eventually(Duration.ofSeconds(30), () -> {
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(HTTP.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            return null;
        });
        return base;
    }

    private List<String> empty(List<String> queries) throws Exception {
        List<String> empty = new ArrayList<>();
        for (String query : queries) {
            JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            assertThat(answer.path("status").asString()).as(query + ": " + answer).isEqualTo("success");
            if (answer.path("data").path("result").isEmpty()) {
                empty.add(query);
            }
        }
        return empty;
    }

    private JsonNode api(String pathAndQuery) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return Dashboards.JSON.readTree(response.body());
    }

    private static <T> T eventually(Duration timeout, Callable<T> check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return check.call();
            } catch (AssertionError | IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
