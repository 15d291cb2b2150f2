package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
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
            ScalingChecks.scaling(ksvc, gpu, problems);
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
        // the probe groups: /actuator/health/{readiness,liveness}, or their serving-port paths /readyz, /livez
        String readiness = container.path("readinessProbe").path("httpGet").path("path").asString("");
        String liveness = container.path("livenessProbe").path("httpGet").path("path").asString("");
        if (!readiness.endsWith("/readiness") && !readiness.equals("/readyz")) {
            problems.add(ksvc.id() + ": readinessProbe is not on the readiness group");
        }
        if (!liveness.endsWith("/liveness") && !liveness.equals("/livez")) {
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
}
