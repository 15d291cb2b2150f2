package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every overlay builds, validates against Knative's CRD schemas, enables exactly its flags, and hangs together. */
class KnativeManifestTests {

    private static final CrdSchemas CRDS = new CrdSchemas();

    static List<Path> overlays() {
        return Manifests.knativeOverlays();
    }

    static List<Path> builds() {
        return Manifests.allBuilds();
    }

    /** CloudEvent type constants in the apps' main sources (not their tests). */
    static Set<String> eventTypes() {
        try (var modules = java.nio.file.Files.list(Repo.path("functions"))) {
            return JavaSource.eventTypes(JavaSource.files(modules.map(m -> m.resolve("src/main/java")).toList()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void kubectlBringsKustomize5OrNewer() {
        // the overlays use `labels:` and label-selected patches (kustomize v4+); Debian's old kubernetes-client
        // (1.20, kustomize v2) cannot build them
        var run = Repo.run(List.of("kubectl", "version", "--client"));
        var m = java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)").matcher(run.output());
        assertThat(m.find()).as("kubectl version --client names its kustomize:\n" + run.output()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("kustomize major version").isGreaterThanOrEqualTo(5);
    }

    @Test
    void devAndProdOverlaysExist() {
        assertThat(overlays()).extracting(p -> p.getFileName().toString()).contains("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("builds")
    void kustomizeBuildsEveryKustomizationWithNamespacedObjectsInANamespace(Path dir) {
        List<K8sObject> build = Manifests.build(dir);
        assertThat(build).as(Manifests.name(dir)).isNotEmpty();
        Set<String> clusterScoped = Set.of("Namespace", "ClusterIssuer", "ClusterDomainClaim");
        assertThat(build).as("namespaced objects without a namespace in " + Manifests.name(dir))
                .filteredOn(o -> !clusterScoped.contains(o.kind()) && o.namespace().isEmpty()).isEmpty();
        assertThat(build).as("cluster-scoped objects with a namespace")
                .filteredOn(o -> clusterScoped.contains(o.kind()) && !o.namespace().isEmpty()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyKnativeObjectValidatesAgainstItsCrdSchema(Path overlay) {
        List<K8sObject> build = Manifests.build(overlay);
        assertThat(build).filteredOn(KnativeChecks::isKnative).extracting(K8sObject::kind)
                .contains("Service", "Broker", "Trigger", "SinkBinding", "PingSource");
        assertThat(KnativeChecks.schemaProblems(build, CRDS)).as(Manifests.name(overlay)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configFeaturesPatchEnablesExactlyTheFlagsTheOverlayUses(Path overlay) {
        var patch = Yaml.one(Repo.read(overlay.resolve("config-features.yaml")));
        assertThat(KnativeChecks.flagProblems(Manifests.build(overlay), patch, CRDS)).as(Manifests.name(overlay))
                .isEmpty();
    }

    @Test
    void prodNeedsTheGpuSchedulingFlagsAndDevNone() {
        var prod = KnativeChecks.flagsUsed(Manifests.build(Repo.path("knative/overlays/prod")), CRDS).keySet();
        assertThat(prod).contains("kubernetes.podspec-nodeselector", "kubernetes.podspec-tolerations");
        var dev = new HashSet<>(KnativeChecks.flagsUsed(Manifests.build(Repo.path("knative/overlays/dev")), CRDS).keySet());
        dev.removeIf(flag -> "enabled".equals(CrdSchemas.flagDefaults().get(flag)));
        assertThat(dev).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferenceResolvesInTheSameBuild(Path overlay) {
        assertThat(KnativeChecks.referenceProblems(Manifests.build(overlay), eventTypes())).as(Manifests.name(overlay))
                .isEmpty();
    }

    /**
     * Jobs (issue 13) never run as background work in the interactive service: the ksvc that serves POST /jobs has
     * the broker as its K_SINK (SinkBinding), and a job.requested Trigger with retries and a dead letter delivers
     * to a ksvc that takes broker events without a key (generate-events).
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void jobRequestsGoThroughTheBrokerToTheEventServiceWithRetriesAndADeadLetter(Path overlay) {
        List<K8sObject> build = Manifests.build(overlay);
        var bound = build.stream().filter(o -> o.kind().equals("SinkBinding"))
                .filter(o -> o.spec().path("sink").path("ref").path("kind").asString("").equals("Broker"))
                .map(o -> o.spec().path("subject").path("name").asString("")).toList();
        var jobServices = Manifests.ksvcs(build).stream().filter(k -> App.forImage(
                Manifests.container(k).path("image").asString()).postPaths().contains("/jobs"))
                .filter(k -> !"true".equals(EnvChecks.envValue(Manifests.container(k),
                        "ORFEAS_SECURITY_EVENTS_WITHOUT_KEY"))).map(K8sObject::name).toList();
        assertThat(jobServices).as("interactive services serving POST /jobs").isNotEmpty();
        assertThat(bound).as("SinkBinding subjects with the broker as sink").containsAll(jobServices);

        var triggers = build.stream().filter(o -> o.kind().equals("Trigger")).filter(o -> o.spec().path("filter")
                .path("attributes").path("type").asString("").equals("dev.orfeas.job.requested")).toList();
        assertThat(triggers).as(Manifests.name(overlay) + ": job.requested Triggers").hasSize(1);
        JsonNode trigger = triggers.getFirst().spec();
        assertThat(trigger.path("delivery").path("retry").asInt(0)).isPositive();
        assertThat(trigger.path("delivery").path("deadLetterSink").path("ref").isMissingNode()).isFalse();
        String subscriber = trigger.path("subscriber").path("ref").path("name").asString("");
        K8sObject target = Manifests.ksvcs(build).stream().filter(k -> k.name().equals(subscriber)).findFirst()
                .orElseThrow();
        assertThat(EnvChecks.envValue(Manifests.container(target), "ORFEAS_SECURITY_EVENTS_WITHOUT_KEY"))
                .as(subscriber + " takes broker events without a key").isEqualTo("true");
        assertThat(jobServices).as("the job runner is not an interactive service").doesNotContain(subscriber);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesCoverEveryServiceAndAdmitOnlyKnativesDataPlane(Path overlay) {
        List<K8sObject> build = Manifests.build(overlay);
        var policies = build.stream().filter(o -> o.kind().equals("NetworkPolicy")).toList();
        for (K8sObject ksvc : Manifests.ksvcs(build)) {
            var policy = policies.stream().filter(p -> selects(p.spec().path("podSelector"), ksvc.name())).findFirst();
            assertThat(policy).as("NetworkPolicy for " + ksvc.id()).isPresent();
            assertThat(policy.get().spec().path("policyTypes").toString()).contains("Ingress");
            for (var rule : policy.get().spec().path("ingress")) {
                for (var from : rule.path("from")) {
                    assertThat(from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                            .asString("")).as("ingress source of " + policy.get().id())
                            .isIn("knative-serving", "kourier-system");
                }
            }
        }
    }

    /**
     * Issue 12, item 11: the broker's senders (the events adapter, generate's jobs) each mount a projected
     * service-account token with the broker's OIDC audience and point their app at it, so turning on Knative
     * Eventing's sender identity (and with it the EventPolicy) needs no manifest change.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everySenderToTheBrokerMountsATokenForTheBrokersAudienceAndPointsItsAppAtIt(Path overlay) {
        Set<String> checked = new java.util.TreeSet<>();
        assertThat(OidcChecks.senderTokenProblems(Manifests.build(overlay), checked)).as(Manifests.name(overlay))
                .isEmpty();
        assertThat(checked).as("SinkBinding subjects sending to a Broker").contains("events", "generate");
    }

    /** Every delivery to the events app, as subscriber or dead letter, names the audience the app verifies. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeliveryToTheEventsAppNamesItsOidcAudience(Path overlay) {
        List<String> checked = new java.util.ArrayList<>();
        assertThat(OidcChecks.audienceProblems(Manifests.build(overlay), "events", checked))
                .as(Manifests.name(overlay)).isEmpty();
        assertThat(checked).as("deliveries to events").contains("Trigger orfeas/notify-mesh-generated subscriber",
                "Trigger orfeas/mesh-generated-to-backup subscriber", "Trigger orfeas/nightly-backup subscriber",
                "Trigger orfeas/upload-to-generate deadLetterSink", "Broker orfeas/default deadLetterSink");
    }

    /** Whether a pod selector picks the pods of a Knative Service (matchLabels or an In expression on its label). */
    private static boolean selects(tools.jackson.databind.JsonNode selector, String service) {
        if (service.equals(selector.path("matchLabels").path("serving.knative.dev/service").asString(""))) {
            return true;
        }
        for (var e : selector.path("matchExpressions")) {
            if (e.path("key").asString("").equals("serving.knative.dev/service")
                    && e.path("operator").asString("").equals("In") && e.path("values").toString().contains("\"" + service + "\"")) {
                return true;
            }
        }
        return false;
    }

    // --- the checks can fail -----------------------------------------------------------------------------

    private static List<K8sObject> fixture(String name) {
        return Manifests.parse(Repo.read(Repo.path("infra/manifest-tests/src/test/resources/fixtures/" + name)));
    }

    @Test
    void schemaCheckRejectsAMisspelledFieldAWrongTypeAndAnUnservedVersion() {
        var problems = KnativeChecks.schemaProblems(fixture("broken-knative.yaml"), CRDS);
        assertThat(String.join("\n", problems))
                .contains("containerConcurency")
                .contains("/spec/delivery/retry")
                .contains("v1alpha9 is not a served version");
    }

    @Test
    void flagCheckRejectsAMissingFlagAndAnEnabledButUnusedOne() {
        var patch = Yaml.one("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: config-features, namespace: knative-serving}
                data:
                  kubernetes.podspec-nodeselector: enabled
                  kubernetes.podspec-hostnetwork: enabled
                """);
        var problems = KnativeChecks.flagProblems(fixture("flagged-ksvc.yaml"), patch, CRDS);
        assertThat(problems).anyMatch(p -> p.startsWith("flag kubernetes.podspec-tolerations is disabled"))
                .anyMatch(p -> p.equals("flag kubernetes.podspec-hostnetwork is enabled but nothing uses it"))
                .noneMatch(p -> p.contains("podspec-nodeselector"));
    }

    @Test
    void referenceCheckRejectsDanglingRefsUnknownPathsAndUnknownTypes() {
        var problems = String.join("\n", KnativeChecks.referenceProblems(fixture("dangling-refs.yaml"), eventTypes()));
        assertThat(problems)
                .contains("refers to serving.knative.dev/v1 Service orfeas/notify")
                .contains("path /nowhere is not a POST endpoint")
                .contains("filters on type dev.orfeas.mesh.exploded")
                .contains("refers to eventing.knative.dev/v1 Broker orfeas/other")
                .contains("source filter '/apis/v1/namespaces/orfeas/pingsources/hourly' names no PingSource");
    }

    @Test
    void oidcChecksRejectATokenForTheWrongAudienceAMissingTokenFileAndDeliveriesWithoutTheAudience() {
        var build = fixture("oidc-broken.yaml");
        String senders = String.join("\n", OidcChecks.senderTokenProblems(build, new java.util.TreeSet<>()));
        assertThat(senders)
                .contains("Service orfeas/events: the token at /var/run/orfeas/broker/token has audience (none")
                .contains("Service orfeas/events: the token mount /var/run/orfeas/broker must be readOnly")
                .contains("Service orfeas/generate: automountServiceAccountToken must stay false")
                .contains("Service orfeas/generate: sends to a Broker but does not set orfeas.jobs.sink-token-file");
        String deliveries = String.join("\n", OidcChecks.audienceProblems(build, "events", new java.util.ArrayList<>()));
        assertThat(deliveries)
                .contains("Trigger orfeas/notify: subscriber to events has audience ''")
                .contains("Trigger orfeas/notify: deadLetterSink to events has audience "
                        + "'serving.knative.dev/service/orfeas/generate'");
    }

    @Test
    void aJsonPatchWhoseGuardFailsBreaksTheBuild() {
        assertThatThrownBy(() -> Manifests.kustomize(
                Repo.path("infra/manifest-tests/src/test/resources/fixtures/guarded-patch")))
                .hasMessageContaining("kubectl kustomize");
    }
}
