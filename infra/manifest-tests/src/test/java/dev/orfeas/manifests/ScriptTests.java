package dev.orfeas.manifests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.orfeas.manifests.DryRun.lines;
import static dev.orfeas.manifests.DryRun.matching;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster scripts pass shellcheck; deploy.sh and rollout.sh --dry-run say what a real run would do. */
class ScriptTests {

    static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("scripts"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.equals("deploy.sh") || n.equals("rollout.sh") || n.matches("cluster-.*\\.sh"))
                    .sorted().toList();
        }
    }

    private static Repo.Run dryRun(String script, String... args) {
        return DryRun.run(script, args);
    }

    @Test
    void theClusterScriptsAreThere() throws IOException {
        assertThat(scripts()).contains("deploy.sh", "rollout.sh", "cluster-bootstrap.sh", "cluster-minio.sh",
                "cluster-common.sh");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void passesShellcheck(String script) {
        var run = Repo.run(Repo.path("scripts"), Map.of(), List.of("shellcheck", "-x", script));
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void shellcheckReallyRunsAndFailsABrokenScript() {
        var run = Repo.run(Repo.path("infra/manifest-tests/src/test/resources/fixtures"), Map.of(),
                List.of("shellcheck", "broken.sh"));
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("SC2086");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void helpExplainsTheScript(String script) throws IOException {
        if (script.equals("cluster-common.sh")) {
            return; // sourced, not run
        }
        var run = dryRun(script, "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("--dry-run").contains("scripts/" + script).doesNotContain("set -euo pipefail");
    }

    @ParameterizedTest
    @MethodSource("dev.orfeas.manifests.KnativeManifestTests#overlays")
    void deployDryRunChecksAppliesWaitsSmokeTestsAndPlansTheRollback(Path overlay) throws IOException {
        String name = overlay.getFileName().toString();
        var run = dryRun("deploy.sh", "--dry-run", "--overlay", name);
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> out = lines(run);
        var build = Manifests.build(overlay);

        assertThat(out).contains("DRY-RUN: check: kubectl config current-context",
                "DRY-RUN: check: kubectl get crd services.serving.knative.dev -o name",
                "DRY-RUN: check: kubectl get crd triggers.eventing.knative.dev -o name");
        // the Secrets it checks are exactly the ones the manifests need
        assertThat(matching(out, "DRY-RUN: check: kubectl -n orfeas get secret (\\S+) -o name"))
                .isEqualTo(requiredSecrets(build));
        assertThat(matching(out, "DRY-RUN: check: image (\\S+)")).isEqualTo(images(build));
        boolean gpu = Manifests.ksvcs(build).stream().anyMatch(k ->
                Manifests.container(k).path("resources").path("limits").has("nvidia.com/gpu"));
        assertThat(out.contains("DRY-RUN: check: kubectl get nodes -l nvidia.com/gpu.present=true -o name"))
                .as("GPU node check").isEqualTo(gpu);

        String patch = "DRY-RUN: kubectl -n knative-serving patch configmap/config-features --type merge --patch-file "
                + "knative/overlays/" + name + "/config-features.yaml";
        String apply = "DRY-RUN: kubectl apply -k knative/overlays/" + name;
        String waitGenerate = "DRY-RUN: kubectl -n orfeas wait ksvc/generate --for=condition=Ready --timeout=1500s";
        int smoke = indexOfPrefix(out, "DRY-RUN: curl -H \"Host: generate.orfeas.svc.cluster.local\" -H \"Authorization: Bearer ****\"");
        assertThat(out.indexOf(patch)).as("config-features before the apply").isNotNegative()
                .isLessThan(out.indexOf(apply));
        assertThat(out.indexOf(apply)).isLessThan(out.indexOf(waitGenerate));
        assertThat(out.indexOf(waitGenerate)).isLessThan(smoke);
        assertThat(out).anyMatch(l -> l.startsWith("DRY-RUN: on failure: kubectl -n orfeas patch ksvc generate")
                && l.contains("\"revisionName\":\"<previous ready revision of generate>\",\"percent\":100"));
        build.stream().filter(o -> o.kind().equals("DomainMapping")).forEach(dm ->
                assertThat(out).anyMatch(l -> l.startsWith("DRY-RUN: curl https://" + dm.name() + "/health")));
    }

    @Test
    void deployRefusesAnOverlayThatDoesNotExist() throws IOException {
        var run = dryRun("deploy.sh", "--dry-run", "--overlay", "staging");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("no overlay staging");
    }

    @Test
    void rolloutDryRunPrintsTheCanaryKnCommandsInOrder() throws IOException {
        var run = dryRun("rollout.sh", "--dry-run", "--steps", "10,50", "orfeas/generate-gpu:0.2.0");
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> kn = run.output().lines().filter(l -> l.startsWith("DRY-RUN: kn ")).toList();
        String current = "<current revision of generate>";
        String svc = "DRY-RUN: kn service update generate -n orfeas ";
        assertThat(kn).containsExactly(
                svc + "--traffic " + current + "=100",
                svc + "--image orfeas/generate-gpu:0.2.0 --revision-name generate-canary-<time> --wait --wait-timeout 1500",
                svc + "--tag generate-canary-<time>=canary --traffic " + current + "=100",
                "DRY-RUN: kn revision describe generate-canary-<time> -n orfeas",
                svc + "--traffic canary=10 --traffic " + current + "=90",
                svc + "--traffic canary=50 --traffic " + current + "=50",
                svc + "--traffic @latest=100 --untag canary");
        // the canary is smoke-tested on its tag URL before any traffic and after every step
        assertThat(run.output().lines().filter(l -> l.startsWith(
                "DRY-RUN: curl -H \"Host: canary-generate.orfeas.svc.cluster.local\" -H \"Authorization: Bearer ****\""))
                .count()).isEqualTo(3);
        assertThat(run.output()).contains("DRY-RUN: on failure: kn service update generate -n orfeas --traffic "
                + current + "=100 --untag canary");
    }

    @Test
    void rolloutRefusesBadStepsAndAMissingImage() throws IOException {
        assertThat(dryRun("rollout.sh", "--dry-run", "--steps", "10,100", "x:1").exit()).isNotZero();
        assertThat(dryRun("rollout.sh", "--dry-run").exit()).isNotZero();
    }

    static Set<String> requiredSecrets(List<Manifests.K8sObject> build) {
        Set<String> names = new TreeSet<>();
        for (var ksvc : Manifests.ksvcs(build)) {
            for (var env : Manifests.container(ksvc).path("env")) {
                var ref = env.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
                    names.add(ref.path("name").asString());
                }
            }
        }
        return names;
    }

    private static Set<String> images(List<Manifests.K8sObject> build) {
        Set<String> images = new TreeSet<>();
        Manifests.ksvcs(build).forEach(k -> images.add(Manifests.container(k).path("image").asString()));
        return images;
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
