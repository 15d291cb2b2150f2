package dev.orfeas.images;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-host stack's compose file, checked for the properties the deployment relies on. Its third-party
 * images cannot be pulled here, so it is not started; `docker compose config` validates it where the compose
 * plugin exists.
 */
class ComposeFileTests {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");
    private static final Set<String> LONG_RUNNING = Set.of("nginx", "generate", "events", "minio", "prometheus",
            "grafana");

    private static Path dir;
    private static String text;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        dir = Images.root().resolve("infra/compose");
        text = Files.readString(dir.resolve("docker-compose.production.yml"));
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void onlyNginxIsPublishedAndEveryOtherServiceIsOnTheInternalNetworkOnly() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("nginx", "generate", "events", "minio", "minio-init",
                "prometheus", "grafana");
        services.forEach((name, service) -> assertThat(service.containsKey("ports"))
                .as(name + " publishes ports").isEqualTo(name.equals("nginx")));
        assertThat(map(map(compose, "networks"), "backend")).containsEntry("internal", true);
        for (String name : List.of("generate", "minio", "minio-init", "prometheus", "grafana")) {
            assertThat(list(services.get(name), "networks")).as(name).containsExactly("backend");
        }
        assertThat(list(services.get("nginx"), "networks")).containsExactlyInAnyOrder("edge", "backend");
    }

    @Test
    void servicesRestartOnFailureAndHaveHealthchecks() {
        services.forEach((name, service) -> {
            if (name.equals("minio-init")) {
                assertThat(service.get("restart")).as("the one-shot init").isEqualTo("no");
                return;
            }
            assertThat(service.get("restart")).as(name).isEqualTo("on-failure");
            assertThat(LONG_RUNNING).contains(name);
            assertThat(map(service, "healthcheck")).as(name).containsKey("test");
        });
        // generate waits for MinIO's init step; nginx for a healthy generate
        assertThat(map(map(services.get("generate"), "depends_on"), "minio-init"))
                .containsEntry("condition", "service_completed_successfully");
        // and the apps name MinIO itself: compose stops dependents first, so MinIO stops after them and a
        // generation in flight at `down` can still store its mesh (the exited init step orders nothing)
        for (String app : List.of("generate", "events")) {
            assertThat(map(map(services.get(app), "depends_on"), "minio")).as(app)
                    .containsEntry("condition", "service_healthy");
        }
        assertThat(map(map(services.get("nginx"), "depends_on"), "generate"))
                .containsEntry("condition", "service_healthy");
    }

    @Test
    void theProjectsAppsRunReadOnlyFromTheLocallyBuiltImages() {
        for (String name : List.of("generate", "events")) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("image")).isEqualTo("orfeas/" + name + ":${ORFEAS_VERSION:-" + Images.VERSION + "}");
            assertThat(service).containsEntry("read_only", true);
            assertThat(list(service, "tmpfs")).contains("/tmp");
            assertThat(list(service, "cap_drop")).contains("ALL");
        }
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = map(compose, "volumes").keySet();
        assertThat(declared).contains("minio-data", "minio-queue", "prometheus-data", "grafana-data");
        services.forEach((name, service) -> {
            for (Object volume : list(service, "volumes")) {
                String source = volume.toString().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/") && !source.startsWith("$")) {
                    assertThat(declared).as(name + " mounts " + source).contains(source);
                }
            }
        });
    }

    @Test
    void minioNotifiesTheEventsAdapterWithItsToken() {
        Map<String, Object> minio = map(services.get("minio"), "environment");
        Map<String, Object> events = map(services.get("events"), "environment");
        assertThat(minio).containsEntry("MINIO_NOTIFY_WEBHOOK_ENDPOINT_ORFEAS", "http://events:8080/webhooks/minio");
        assertThat(minio.get("MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_ORFEAS"))
                .isEqualTo(events.get("ORFEAS_EVENTS_ADAPTER_AUTH_TOKEN"));
        // the events app's key for generate is one of generate's keys
        assertThat(map(services.get("generate"), "environment").get("ORFEAS_SECURITY_API_KEYS").toString())
                .contains(events.get("ORFEAS_EVENTS_SINK_API_KEY").toString());
        // the init script subscribes the uploads bucket to that target and uses the repository's policies
        assertThat(read("minio-init.sh")).contains("mc event add local/uploads arn:minio:sqs::orfeas:webhook");
        assertThat(list(services.get("minio-init"), "volumes")).contains("../../minio/policies:/init/policies:ro");
    }

    @Test
    void everyVariableIsInEnvExampleAndSecretsHaveNoDefaults() {
        Set<String> used = variables(text);
        Set<String> listed = read(".env.example").lines().filter(l -> l.matches("[A-Z0-9_]+=.*"))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).as(".env.example lists what the compose file reads").isEqualTo(used);

        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (name.matches(".*(PASSWORD|SECRET_KEY|TOKEN|API_KEYS?)$")) {
                assertThat(m.group(2)).as(name + " must be required (:?), never defaulted").startsWith(":?");
            }
        }
    }

    @Test
    void nginxGetsEveryVariableItsTemplateNeeds() throws IOException {
        String template = Files.readString(Images.root().resolve("infra/nginx/templates/orfeas.conf.template"));
        Set<String> needed = variables(template);
        assertThat(map(services.get("nginx"), "environment").keySet()).containsAll(needed);
    }

    @Test
    void composeConfigValidatesWhereTheComposePluginExists() throws Exception {
        Assumptions.assumeTrue(run("docker", "compose", "version") == 0, "no docker compose plugin here");
        assertThat(run("docker", "compose", "-f", dir.resolve("docker-compose.production.yml").toString(),
                "--env-file", dir.resolve(".env.example").toString(), "config", "-q")).isZero();
    }

    private static Set<String> variables(String source) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.out);
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    private static String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }
}
