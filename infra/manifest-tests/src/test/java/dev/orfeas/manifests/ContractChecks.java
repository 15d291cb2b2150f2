package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
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
        List<String> problems = new ArrayList<>(EnvChecks.exposureProblems(build));
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
            EnvChecks.env(ksvc, container, app, problems);
            security(ksvc, container, problems);
            scaling(ksvc, gpu, problems);
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

    /** Annotation values Knative's webhook accepts, with the limits of the vendored config-autoscaler defaults. */
    private static void autoscalingValues(K8sObject ksvc, JsonNode annotations, List<String> problems) {
        Map<String, String> defaults = autoscalerDefaults();
        String a = "autoscaling.knative.dev/";
        String metric = annotations.path(a + "metric").asString("concurrency");
        if (!metric.equals("concurrency") && !metric.equals("rps")) {
            problems.add(ksvc.id() + ": metric " + metric + " is not one the KPA scales on (concurrency, rps)");
        }
        int min = integer(annotations, a + "min-scale", 0);
        int max = integer(annotations, a + "max-scale", 0);
        int initial = integer(annotations, a + "initial-scale", 1);
        int limit = Integer.parseInt(defaults.getOrDefault("max-scale-limit", "0"));
        if (min < 0 || max < 0 || (max > 0 && min > max) || (limit > 0 && (max == 0 || max > limit))) {
            problems.add(ksvc.id() + ": min-scale " + min + " / max-scale " + max + " (limit " + limit + ")");
        }
        if (initial == 0 && !"true".equals(defaults.get("allow-zero-initial-scale"))) {
            problems.add(ksvc.id() + ": initial-scale 0 needs allow-zero-initial-scale in config-autoscaler");
        }
        double target = Double.parseDouble(annotations.path(a + "target").asString("1"));
        double utilization = Double.parseDouble(annotations.path(a + "target-utilization-percentage").asString("70"));
        if (target <= 0 || utilization < 1 || utilization > 100) {
            problems.add(ksvc.id() + ": target " + target + " / utilization " + utilization + " % out of range");
        }
        Duration delay = duration(annotations.path(a + "scale-down-delay").asString("0s"));
        if (delay == null || delay.compareTo(Duration.ofHours(1)) > 0) {
            problems.add(ksvc.id() + ": scale-down-delay must be a duration of at most 1h");
        }
        JsonNode deadline = annotations.path("serving.knative.dev/progress-deadline");
        if (!deadline.isMissingNode() && duration(deadline.asString("")) == null) {
            problems.add(ksvc.id() + ": progress-deadline " + deadline.asString("") + " is not a duration");
        }
    }

    private static int integer(JsonNode annotations, String name, int fallback) {
        try {
            return Integer.parseInt(annotations.path(name).asString(String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A Go duration as Knative writes them ("90s", "10m", "1h30m"), or null. */
    static Duration duration(String text) {
        Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return null;
        }
        long seconds = 0;
        for (int i = 1; i <= 3; i++) {
            if (m.group(i) != null) {
                seconds += Long.parseLong(m.group(i)) * new long[] {3600, 60, 1}[i - 1];
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /** config-autoscaler as Knative ships it (the vendored copy's example block). */
    static Map<String, String> autoscalerDefaults() {
        JsonNode cm = Yaml.one(Repo.read(CrdSchemas.DIR.resolve("serving/config-autoscaler.yaml")));
        Map<String, String> defaults = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*([a-z0-9.-]+):\\s*\"([^\"]*)\"")
                .matcher(cm.path("data").path("_example").asString(""));
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        return defaults;
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
        autoscalingValues(ksvc, annotations, problems);
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
