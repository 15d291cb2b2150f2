package dev.orfeas.manifests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster scripts pass shellcheck, and their --dry-run output says what a real run would do. Dry runs execute
 * with kubectl/kn/helm/curl replaced by shims that record any call: only `kubectl kustomize` may run.
 */
class ScriptTests {

    @TempDir
    static Path shims;

    @BeforeAll
    static void installShims() throws IOException {
        String kubectl = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                        "kubectl (with its built-in kustomize) is needed on PATH for the manifest checks"))
                .toString();
        for (String tool : List.of("kubectl", "kn", "helm", "curl", "mc", "skopeo", "docker")) {
            Path shim = shims.resolve(tool);
            Files.writeString(shim, """
                    #!/usr/bin/env bash
                    if [[ "%1$s" == kubectl && "$1" == kustomize ]]; then exec "%3$s" "$@"; fi
                    echo "%1$s $*" >> "%2$s"
                    exit 97
                    """.formatted(tool, shims.resolve("calls.log"), kubectl));
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("scripts"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.equals("deploy.sh") || n.equals("rollout.sh") || n.matches("cluster-.*\\.sh"))
                    .sorted().toList();
        }
    }

    private static Repo.Run dryRun(String... args) throws IOException {
        Files.deleteIfExists(shims.resolve("calls.log"));
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + args[0]));
        command.addAll(List.of(args).subList(1, args.length));
        var run = Repo.run(Repo.ROOT, Map.of("PATH", shims + ":/usr/bin:/bin"), command);
        assertThat(shims.resolve("calls.log")).as("cluster tools called by a dry run of " + List.of(args)).doesNotExist();
        return run;
    }

    private static List<String> lines(Repo.Run run) {
        return run.output().lines().toList();
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
        assertThat(run.output()).contains("--dry-run");
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

    @Test
    void bootstrapDryRunInstallsPinnedReleasesOnly() throws IOException {
        var run = dryRun("cluster-bootstrap.sh", "--dry-run");
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> urls = matching(lines(run), "DRY-RUN: kubectl apply -f (\\S+)").stream().toList();
        assertThat(urls).anyMatch(u -> u.contains("knative/serving/releases/download/knative-v"))
                .anyMatch(u -> u.contains("net-kourier")).anyMatch(u -> u.contains("knative/eventing/"))
                .anyMatch(u -> u.contains("mt-channel-broker")).anyMatch(u -> u.contains("cert-manager"))
                .allMatch(u -> u.matches(".*/v?[0-9]+\\.[0-9]+\\.[0-9]+/.*") || u.contains("knative-v"))
                .noneMatch(u -> u.contains("latest"));
        assertThat(run.output()).contains("helm upgrade --install gpu-operator nvidia/gpu-operator")
                .containsPattern("--version v[0-9]+\\.[0-9]+\\.[0-9]+")
                .contains("\"external-domain-tls\":\"Enabled\"")
                .contains("name: orfeas-letsencrypt");
        // the issuer it configures is the one the prod overlay ships
        assertThat(Manifests.build(Repo.path("knative/overlays/prod"))).anyMatch(o ->
                o.kind().equals("ClusterIssuer") && o.name().equals("orfeas-letsencrypt"));

        var cpuOnly = dryRun("cluster-bootstrap.sh", "--dry-run", "--no-gpu", "--no-tls");
        assertThat(cpuOnly.output()).doesNotContain("helm").doesNotContain("cert-manager").contains("serving-core.yaml");
    }

    @Test
    void minioDryRunMakesBucketsPoliciesUsersAndTheWebhookToTheAdapter() throws IOException {
        var run = dryRun("cluster-minio.sh", "--dry-run");
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> out = lines(run);
        for (String bucket : PolicyChecks.defaultBuckets().values()) {
            assertThat(out).contains("DRY-RUN: mc mb --ignore-existing local/" + bucket);
        }
        assertThat(out).contains("DRY-RUN: mc version enable local/backups",
                "DRY-RUN: mc ilm import local/uploads < minio/lifecycle/uploads.json",
                "DRY-RUN: mc event add local/uploads arn:minio:sqs::orfeas:webhook --event put,delete");
        for (String policy : PolicyChecks.ALLOWED.keySet()) {
            assertThat(out).contains("DRY-RUN: mc admin policy create local " + policy + " minio/policies/" + policy + ".json");
        }
        for (String user : List.of("orfeas-generate", "orfeas-events")) {
            assertThat(out).contains("DRY-RUN: mc admin user add local " + user + " ****",
                    "DRY-RUN: mc admin policy attach local " + user + " --user " + user);
        }
        // restores over HTTP are off by default: the restore policy is taken away, no token is made
        assertThat(out).contains("DRY-RUN: mc admin policy detach local orfeas-events-restore --user orfeas-events")
                .noneMatch(l -> l.contains("secret generic orfeas-restore"));
        // the webhook goes to the events service of the Knative build, on the adapter's path, with a token
        String config = out.stream().filter(l -> l.contains("notify_webhook:orfeas")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("endpoint=(\\S+)").matcher(config);
        assertThat(m.find()).isTrue();
        URI endpoint = URI.create(m.group(1));
        assertThat(App.of("events").postPaths()).contains(endpoint.getPath());
        assertThat(endpoint.getHost()).isEqualTo("events.orfeas.svc.cluster.local");
        assertThat(Manifests.find(Manifests.build(Repo.path("knative/overlays/dev")), "serving.knative.dev/v1",
                "Service", "orfeas", "events")).isPresent();
        assertThat(config).contains("auth_token=****");
        // the notification queue is on a persistent volume of the MinIO StatefulSet
        Matcher queue = Pattern.compile("queue_dir=(\\S+)").matcher(config);
        assertThat(queue.find()).isTrue();
        var sts = Manifests.build(Repo.path("minio/k8s")).stream().filter(o -> o.kind().equals("StatefulSet"))
                .findFirst().orElseThrow();
        String mount = null;
        for (var m2 : sts.spec().path("template").path("spec").path("containers").get(0).path("volumeMounts")) {
            if (m2.path("mountPath").asString().equals(queue.group(1))) {
                mount = m2.path("name").asString();
            }
        }
        assertThat(mount).as("volume mounted at " + queue.group(1)).isNotNull();
        assertThat(sts.spec().path("volumeClaimTemplates").toString()).contains("\"name\":\"" + mount + "\"");
        // the Secrets it creates are the ones the manifests read, and no value is printed
        Set<String> made = matching(out, "DRY-RUN: kubectl -n orfeas create secret generic (\\S+) .*");
        assertThat(made).contains("orfeas-generate-s3", "orfeas-events-s3", "orfeas-minio-webhook");
        assertThat(out).filteredOn(l -> l.contains("--from-literal=")).isNotEmpty().allMatch(l ->
                !l.replaceAll("--from-literal=[a-z-]+=\\*{4}( |$)", "").contains("--from-literal"));
    }

    @Test
    void minioDryRunWithRestoreAttachesTheRestorePolicyAndMakesTheTokenTheEventsAppReads() throws IOException {
        Files.deleteIfExists(shims.resolve("calls.log"));
        var run = Repo.run(Repo.ROOT, Map.of("PATH", shims + ":/usr/bin:/bin", "RESTORE", "1"),
                List.of("bash", "scripts/cluster-minio.sh", "--dry-run"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(lines(run)).contains("DRY-RUN: mc admin policy attach local orfeas-events-restore --user orfeas-events",
                "DRY-RUN: kubectl -n orfeas create secret generic orfeas-restore --from-literal=token=**** "
                        + "--dry-run=client -o yaml | kubectl apply -f -");
        var events = Manifests.find(Manifests.build(Repo.path("knative/overlays/dev")), "serving.knative.dev/v1",
                "Service", "orfeas", "events").orElseThrow();
        assertThat(Manifests.container(events).path("env").toString())
                .contains("{\"key\":\"token\",\"name\":\"orfeas-restore\",\"optional\":true}");
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

    private static Set<String> matching(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        Set<String> found = new TreeSet<>();
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                found.add(m.group(1));
            }
        }
        return found;
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
