package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a build's Knative Services fit the apps they run, as the apps' sources describe them. */
final class ContractChecks {

    /** The images the project's image build makes: orfeas/<dir> for each infra/images/<dir>/Dockerfile. */
    static Set<String> imageNames() {
        try (var dirs = java.nio.file.Files.list(Repo.path("infra/images"))) {
            return dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("Dockerfile")))
                    .map(d -> "orfeas/" + d.getFileName()).collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the image build (infra/images) is where image names come from", e);
        }
    }
    /** Set by Knative (PORT, K_*) or by a SinkBinding (K_SINK): a manifest must not set them. */
    static final Set<String> RESERVED_ENV = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION", "K_SINK",
            "K_CE_OVERRIDES");
    private static final Pattern SENSITIVE = Pattern.compile("SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY|TARGETS");
    /** Knative's default max-revision-timeout-seconds (config-defaults): a longer timeout is refused. */
    static final int MAX_REVISION_TIMEOUT = 600;

    private ContractChecks() {
    }

    /** The tag scripts/build-images.sh gives the images (ORFEAS_IMAGE_VERSION's default), else the project's. */
    static String imageVersion() {
        Matcher build = Pattern.compile("ORFEAS_IMAGE_VERSION:-([^}\"]+)")
                .matcher(java.nio.file.Files.exists(Repo.path("scripts/build-images.sh"))
                        ? Repo.read("scripts/build-images.sh") : "");
        return build.find() ? build.group(1) : projectVersion();
    }

    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>orfeas-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Repo.read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("no project version in pom.xml");
        }
        return m.group(1).replace("-SNAPSHOT", "");
    }

    static List<String> problems(List<K8sObject> build) {
        List<String> problems = new ArrayList<>(exposureProblems(build));
        for (K8sObject ksvc : Manifests.ksvcs(build)) {
            JsonNode container = Manifests.container(ksvc);
            String image = container.path("image").asString("");
            Matcher m = Pattern.compile("(?:.+/)?(orfeas/[a-z0-9-]+):(.+)").matcher(image);
            if (!m.matches() || !imageNames().contains(m.group(1))) {
                problems.add(ksvc.id() + ": image " + image + " is none of the built images " + imageNames());
                continue;
            }
            if (!m.group(2).equals(imageVersion())) {
                problems.add(ksvc.id() + ": image tag " + m.group(2) + " is not the built version " + imageVersion());
            }
            boolean gpu = !container.path("resources").path("limits").path("nvidia.com/gpu").isMissingNode();
            if (gpu != m.group(1).endsWith("-gpu")) {
                problems.add(ksvc.id() + ": " + (gpu ? "a GPU limit with the CPU image " : "the GPU image without a GPU limit ")
                        + image);
            }
            App app = App.forImage(image);
            ports(ksvc, container, app, problems);
            probes(ksvc, container, app, problems);
            env(ksvc, container, app, problems);
            security(ksvc, container, problems);
            scaling(ksvc, gpu, problems);
        }
        return problems;
    }

    /**
     * A service that takes CloudEvents without an API key (orfeas.security.events-without-key) must not be
     * reachable from outside the cluster: cluster-local, and no DomainMapping to it. (The app lets any request with
     * CloudEvent headers through without a key when that is on.)
     */
    static List<String> exposureProblems(List<K8sObject> build) {
        List<String> problems = new ArrayList<>();
        for (K8sObject ksvc : Manifests.ksvcs(build)) {
            JsonNode container = Manifests.container(ksvc);
            App app = App.forImage(container.path("image").asString(""));
            if (!app.propertyNames().contains("orfeas.security.events-without-key")) {
                continue;
            }
            String var = envNameFor("orfeas.security.events-without-key", app.propertyNames(), container);
            if (var == null || !"true".equals(envValue(container, var))) {
                continue;
            }
            if (!"cluster-local".equals(ksvc.node().path("metadata").path("labels")
                    .path("networking.knative.dev/visibility").asString(""))) {
                problems.add(ksvc.id() + ": takes events without a key but is not cluster-local");
            }
            build.stream().filter(o -> o.kind().equals("DomainMapping")
                            && o.spec().path("ref").path("name").asString("").equals(ksvc.name()))
                    .forEach(dm -> problems.add(dm.id() + " publishes " + ksvc.id()
                            + ", which takes events without a key"));
        }
        return problems;
    }

    private static void ports(K8sObject ksvc, JsonNode container, App app, List<String> problems) {
        JsonNode ports = container.path("ports");
        if (ports.size() != 1 || ports.get(0).path("containerPort").asInt() != app.defaultPort()) {
            problems.add(ksvc.id() + ": ports " + ports + " but " + app.name() + " listens on " + app.defaultPort());
        }
    }

    private static void probes(K8sObject ksvc, JsonNode container, App app, List<String> problems) {
        Set<String> served = app.probePaths();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            if (get.isMissingNode()) {
                problems.add(ksvc.id() + ": no " + probe + " (httpGet)");
            } else if (!served.contains(get.path("path").asString(""))) {
                problems.add(ksvc.id() + ": " + probe + " path " + get.path("path").asString("") + " is not served by "
                        + app.name() + " (it serves " + served + ")");
            } else if (get.has("port") && get.path("port").asInt(-1) != app.defaultPort()) {
                problems.add(ksvc.id() + ": " + probe + " on port " + get.path("port") + ", not the serving port");
            }
        }
        if (!container.path("readinessProbe").path("httpGet").path("path").asString("").endsWith("/readiness")) {
            problems.add(ksvc.id() + ": readinessProbe is not on the readiness group");
        }
        if (!container.path("livenessProbe").path("httpGet").path("path").asString("").endsWith("/liveness")) {
            problems.add(ksvc.id() + ": livenessProbe is not on the liveness group");
        }
    }

    private static void env(K8sObject ksvc, JsonNode container, App app, List<String> problems) {
        Set<String> properties = app.propertyNames();
        Map<String, String> placeholders = app.placeholders();
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asString("");
            if (RESERVED_ENV.contains(name)) {
                problems.add(ksvc.id() + ": sets " + name + ", which Knative (or the SinkBinding) sets");
            } else if (!placeholders.containsKey(name) && bound(name, properties) == null) {
                problems.add(ksvc.id() + ": env " + name + " binds to no property of " + app.name());
            }
            if (SENSITIVE.matcher(name).find() && var.path("valueFrom").path("secretKeyRef").isMissingNode()) {
                problems.add(ksvc.id() + ": " + name + " must come from a Secret (valueFrom.secretKeyRef)");
            }
        }
        // an app with a concurrency limit must be told the same limit Knative enforces
        String limitVar = envNameFor("orfeas.generation.max-concurrent", properties, container);
        if (properties.contains("orfeas.generation.max-concurrent")) {
            int cc = ksvc.spec().path("template").path("spec").path("containerConcurrency").asInt(0);
            String value = limitVar == null ? null : envValue(container, limitVar);
            if (cc == 0 || !String.valueOf(cc).equals(value)) {
                problems.add(ksvc.id() + ": containerConcurrency " + cc + " but orfeas.generation.max-concurrent is "
                        + value + " (they must agree)");
            }
        }
    }

    /** The property an environment variable binds to by Spring Boot's relaxed binding, or null. */
    static String bound(String envName, Set<String> properties) {
        var source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(envName, "x")));
        for (String property : properties) {
            boolean map = property.endsWith(".*");
            String bare = map ? property.substring(0, property.length() - 2) : property;
            if (!ConfigurationPropertyName.isValid(bare)) {
                continue;
            }
            var name = ConfigurationPropertyName.of(bare);
            if (map ? source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT
                    : source.getConfigurationProperty(name) != null) {
                return property;
            }
        }
        return null;
    }

    private static String envNameFor(String property, Set<String> properties, JsonNode container) {
        for (JsonNode var : container.path("env")) {
            if (property.equals(bound(var.path("name").asString(""), properties))) {
                return var.path("name").asString();
            }
        }
        return null;
    }

    private static String envValue(JsonNode container, String name) {
        for (JsonNode var : container.path("env")) {
            if (var.path("name").asString("").equals(name)) {
                return var.path("value").asString(null);
            }
        }
        return null;
    }

    private static void security(K8sObject ksvc, JsonNode container, List<String> problems) {
        JsonNode sc = container.path("securityContext");
        if (!sc.path("runAsNonRoot").asBoolean(false) || !sc.path("readOnlyRootFilesystem").asBoolean(false)
                || sc.path("allowPrivilegeEscalation").asBoolean(true)
                || !sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problems.add(ksvc.id() + ": securityContext must be non-root, read-only root, no privilege escalation, "
                    + "capabilities dropped: " + sc);
        }
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asString("").equals("/tmp")) {
                tmpVolume = mount.path("name").asString();
            }
        }
        boolean emptyDir = false;
        for (JsonNode volume : ksvc.spec().path("template").path("spec").path("volumes")) {
            emptyDir |= volume.path("name").asString("").equals(tmpVolume) && volume.has("emptyDir");
        }
        if (!emptyDir) {
            problems.add(ksvc.id() + ": /tmp is not a writable emptyDir (the root filesystem is read-only)");
        }
        JsonNode resources = container.path("resources");
        for (String kind : List.of("requests", "limits")) {
            if (resources.path(kind).path("cpu").isMissingNode() || resources.path(kind).path("memory").isMissingNode()) {
                problems.add(ksvc.id() + ": resources." + kind + " needs cpu and memory");
            }
        }
    }

    private static void scaling(K8sObject ksvc, boolean gpu, List<String> problems) {
        JsonNode template = ksvc.spec().path("template");
        JsonNode annotations = template.path("metadata").path("annotations");
        for (String a : List.of("min-scale", "max-scale", "initial-scale", "metric", "target", "scale-down-delay")) {
            if (annotations.path("autoscaling.knative.dev/" + a).isMissingNode()) {
                problems.add(ksvc.id() + ": no autoscaling.knative.dev/" + a + " annotation");
            }
        }
        if (!"0".equals(annotations.path("autoscaling.knative.dev/min-scale").asString(""))) {
            problems.add(ksvc.id() + ": min-scale must be 0 (scale to zero)");
        }
        int timeout = template.path("spec").path("timeoutSeconds").asInt(0);
        int responseStart = template.path("spec").path("responseStartTimeoutSeconds").asInt(0);
        if (timeout == 0 || responseStart == 0 || responseStart > timeout || timeout > MAX_REVISION_TIMEOUT) {
            problems.add(ksvc.id() + ": timeouts " + responseStart + "/" + timeout + " s: both set, response start "
                    + "≤ timeout ≤ " + MAX_REVISION_TIMEOUT);
        }
        if (gpu) {
            JsonNode spec = template.path("spec");
            if (spec.path("nodeSelector").isEmpty() || !spec.path("tolerations").toString().contains("nvidia.com/gpu")) {
                problems.add(ksvc.id() + ": a GPU pod needs a nodeSelector and a toleration for nvidia.com/gpu");
            }
            if (annotations.path("serving.knative.dev/progress-deadline").isMissingNode()) {
                problems.add(ksvc.id() + ": a GPU revision needs serving.knative.dev/progress-deadline above node provisioning");
            }
        }
    }
}
