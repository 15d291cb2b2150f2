package dev.orfeas.manifests;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.orfeas.manifests.DryRun.lines;
import static dev.orfeas.manifests.DryRun.matching;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster set-up scripts' --dry-run output: pinned installs, MinIO buckets, users, policies, webhook. */
class ClusterScriptTests {

    @Test
    void bootstrapDryRunInstallsPinnedReleasesOnly() {
        var run = DryRun.run("cluster-bootstrap.sh", "--dry-run");
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

        var cpuOnly = DryRun.run("cluster-bootstrap.sh", "--dry-run", "--no-gpu", "--no-tls");
        assertThat(cpuOnly.output()).doesNotContain("helm").doesNotContain("cert-manager").contains("serving-core.yaml");
    }

    @Test
    void minioDryRunMakesBucketsPoliciesUsersAndTheWebhookToTheAdapter() {
        var run = DryRun.run("cluster-minio.sh", "--dry-run");
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
    void minioDryRunWithRestoreAttachesTheRestorePolicyAndMakesTheTokenTheEventsAppReads() {
        var run = DryRun.run(Map.of("RESTORE", "1"), "cluster-minio.sh", "--dry-run");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(lines(run)).contains("DRY-RUN: mc admin policy attach local orfeas-events-restore --user orfeas-events",
                "DRY-RUN: kubectl -n orfeas create secret generic orfeas-restore --from-literal=token=**** "
                        + "--dry-run=client -o yaml | kubectl apply -f -");
        var events = Manifests.find(Manifests.build(Repo.path("knative/overlays/dev")), "serving.knative.dev/v1",
                "Service", "orfeas", "events").orElseThrow();
        assertThat(Manifests.container(events).path("env").toString())
                .contains("{\"key\":\"token\",\"name\":\"orfeas-restore\",\"optional\":true}");
    }
}
