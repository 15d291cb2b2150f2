package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Knative Services agree with what the apps really serve and read (derived from their sources). */
class AppContractTests {

    static List<Path> overlays() {
        return Manifests.knativeOverlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesFitTheirAppsImagesPortsProbesEnvSecurityAndScaling(Path overlay) {
        List<K8sObject> build = Manifests.build(overlay);
        assertThat(Manifests.ksvcs(build)).extracting(K8sObject::name).containsExactlyInAnyOrder("generate", "generate-events", "events");
        assertThat(ContractChecks.problems(build)).as(Manifests.name(overlay)).isEmpty();
    }

    @Test
    void prodRunsTheGpuImageOnAGpuAndDevTheCpuImage() {
        var prod = Manifests.find(Manifests.build(Repo.path("knative/overlays/prod")), "serving.knative.dev/v1",
                "Service", "orfeas", "generate").orElseThrow();
        assertThat(Manifests.container(prod).path("image").asString()).isEqualTo("orfeas/generate-gpu:0.1.0");
        assertThat(Manifests.container(prod).path("resources").path("limits").path("nvidia.com/gpu").asString())
                .isEqualTo("1");
        var dev = Manifests.find(Manifests.build(Repo.path("knative/overlays/dev")), "serving.knative.dev/v1",
                "Service", "orfeas", "generate").orElseThrow();
        assertThat(Manifests.container(dev).path("image").asString()).isEqualTo("orfeas/generate:0.1.0");
        assertThat(Manifests.container(dev).path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theEventsCopyOfGenerateDiffersOnlyInTakingEventsWithoutAKey(Path overlay) {
        List<K8sObject> build = Manifests.build(overlay);
        var api = Manifests.find(build, "serving.knative.dev/v1", "Service", "orfeas", "generate").orElseThrow();
        var events = Manifests.find(build, "serving.knative.dev/v1", "Service", "orfeas", "generate-events")
                .orElseThrow();
        var apiSpec = api.spec().deepCopy();
        var eventsSpec = (tools.jackson.databind.node.ObjectNode) events.spec().deepCopy();
        var env = (tools.jackson.databind.node.ArrayNode) eventsSpec.path("template").path("spec").path("containers")
                .get(0).path("env");
        int last = env.size() - 1;
        assertThat(env.get(last).path("name").asString()).isEqualTo("ORFEAS_SECURITY_EVENTS_WITHOUT_KEY");
        env.remove(last);
        // the API service sends job.requested to the broker with its sender token; generate-events sends nothing
        var apiPod = (tools.jackson.databind.node.ObjectNode) apiSpec.path("template").path("spec");
        var apiContainer = apiPod.path("containers").get(0);
        assertThat(removeNamed(apiContainer.path("env"), "ORFEAS_JOBS_SINK_TOKEN_FILE")).isTrue();
        assertThat(removeNamed(apiContainer.path("volumeMounts"), "broker-token")).isTrue();
        assertThat(removeNamed(apiPod.path("volumes"), "broker-token")).isTrue();
        assertThat(eventsSpec).as(Manifests.name(overlay)).isEqualTo(apiSpec);
    }

    private static boolean removeNamed(tools.jackson.databind.JsonNode array, String name) {
        var list = (tools.jackson.databind.node.ArrayNode) array;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path("name").asString("").equals(name)) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    @Test
    void exposureCheckRejectsAPublishedServiceThatTakesEventsWithoutAKey() {
        var build = Manifests.parse(Repo.read(Repo.path(
                "infra/manifest-tests/src/test/resources/fixtures/exposed-events.yaml")));
        assertThat(EnvChecks.exposureProblems(build))
                .anyMatch(p -> p.contains("takes events without a key but is not cluster-local"))
                .anyMatch(p -> p.startsWith("DomainMapping orfeas/api.example.com publishes Service orfeas/generate"));
    }

    @Test
    void autoscalerDefaultsAndDurationsAreReadLikeKnative() {
        assertThat(ScalingChecks.autoscalerDefaults()).containsEntry("allow-zero-initial-scale", "false")
                .containsEntry("max-scale-limit", "0");
        assertThat(ScalingChecks.duration("1h30m")).hasMinutes(90);
        assertThat(ScalingChecks.duration("15m")).hasMinutes(15);
        assertThat(ScalingChecks.duration("ten minutes")).isNull();
    }

    @Test
    void imageNamesAndTagComeFromTheImageBuild() {
        assertThat(ContractChecks.imageNames()).contains("orfeas/generate", "orfeas/generate-gpu", "orfeas/events");
        assertThat(ContractChecks.imageVersion()).isEqualTo(ContractChecks.projectVersion());
    }

    @Test
    void relaxedBindingIsSpringBootsOwn() {
        App generate = App.of("generate");
        Set<String> props = generate.propertyNames();
        assertThat(props).contains("orfeas.storage.access-key", "orfeas.storage.buckets.uploads",
                "orfeas.generation.max-concurrent", "orfeas.security.rate-limit.refill-per-minute");
        assertThat(EnvChecks.bound("ORFEAS_STORAGE_ACCESS_KEY", props)).isEqualTo("orfeas.storage.access-key");
        assertThat(EnvChecks.bound("ORFEAS_SECURITY_RATE_LIMIT_REFILL_PER_MINUTE", props))
                .isEqualTo("orfeas.security.rate-limit.refill-per-minute");
        assertThat(EnvChecks.bound("ORFEAS_STORAGE_ENDPIONT", props)).isNull();
        // the events app's keys do not bind in generate
        assertThat(EnvChecks.bound("ORFEAS_EVENTS_ADAPTER_AUTH_TOKEN", props)).isNull();
        Set<String> events = App.of("events").propertyNames();
        assertThat(EnvChecks.bound("ORFEAS_EVENTS_ADAPTER_AUTH_TOKEN", events))
                .isEqualTo("orfeas.events.adapter.auth-token");
        // a component typed by a record of another file (the backup target is a StorageProperties) is followed
        assertThat(EnvChecks.bound("ORFEAS_EVENTS_BACKUP_TARGET_ENDPOINT", events))
                .isEqualTo("orfeas.events.backup.target.endpoint");
    }

    @Test
    void probePathsComeFromTheAppsManagementConfig() {
        // actuator lives on the management port; the serving port keeps the probe paths only
        assertThat(App.of("generate").probePaths()).contains("/livez", "/readyz", "/health")
                .doesNotContain("/actuator/health/readiness");
        assertThat(App.of("events").probePaths()).contains("/livez", "/readyz").doesNotContain("/health");
        assertThat(App.of("generate").managementPort()).isEqualTo(8081);
        assertThat(App.of("events").managementPort()).isEqualTo(8082);
        assertThat(App.of("events").postPaths()).contains("/", "/backup", "/webhooks/minio");
        assertThat(App.of("generate").defaultPort()).isEqualTo(8080);
    }

    @Test
    void contractCheckRejectsMismatchesWithTheApps() {
        var build = Manifests.parse(Repo.read(Repo.path(
                "infra/manifest-tests/src/test/resources/fixtures/mismatched-ksvc.yaml")));
        String problems = String.join("\n", ContractChecks.problems(build));
        assertThat(problems)
                .contains("ports [{\"containerPort\":9090}]")
                .contains("readinessProbe path /ready is not served")
                .contains("env ORFEAS_STORAGE_ENDPIONT binds to no property of generate")
                .contains("sets PORT")
                .contains("ORFEAS_STORAGE_SECRET_KEY must come from a Secret")
                .contains("containerConcurrency 2 but orfeas.generation.max-concurrent is 4")
                .contains("securityContext must be non-root")
                .contains("the GPU image without a GPU limit")
                .contains("min-scale must be 0")
                .contains("metric cpu is not one the KPA scales on")
                .contains("initial-scale 0 needs allow-zero-initial-scale")
                .contains("scale-down-delay must be a duration of at most 1h")
                .contains("image tag 9.9.9 is not the built version");
    }
}
