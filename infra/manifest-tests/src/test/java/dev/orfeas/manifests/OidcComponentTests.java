package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * knative/components/oidc-events (the events app's own OIDC check, for clusters that run Knative's sender identity)
 * on top of the dev overlay, as an operator adds it: the build still validates and agrees with the apps, the app is
 * told exactly the audience the Triggers name and exactly the identities of the Triggers that deliver to it, and the
 * JWKS request's token and CA are files of a mounted projected volume.
 */
class OidcComponentTests {

    private static final CrdSchemas CRDS = new CrdSchemas();
    private static final List<K8sObject> BUILD = Manifests.kustomize(
            Repo.path("infra/manifest-tests/src/test/resources/fixtures/oidc-overlay"));

    @Test
    void theOverlayWithTheComponentValidatesAndAgreesWithTheApps() {
        assertThat(KnativeChecks.schemaProblems(BUILD, CRDS)).isEmpty();
        assertThat(ContractChecks.problems(BUILD)).isEmpty();
        var patch = Yaml.one(Repo.read(Repo.path("knative/overlays/dev/config-features.yaml")));
        assertThat(KnativeChecks.flagProblems(BUILD, patch, CRDS)).isEmpty();
        assertThat(OidcChecks.senderTokenProblems(BUILD, new TreeSet<>())).isEmpty();
        assertThat(OidcChecks.audienceProblems(BUILD, "events", new ArrayList<>())).isEmpty();
    }

    @Test
    void theAppTakesTheTriggersAudienceAndExactlyTheIdentitiesOfTheTriggersThatDeliverToIt() {
        JsonNode container = Manifests.container(events());
        assertThat(EnvChecks.envValue(container, "ORFEAS_EVENTS_OIDC_AUDIENCE"))
                .isEqualTo(OidcChecks.audience("serving.knative.dev", "Service", "orfeas", "events"));

        Set<String> senders = new TreeSet<>();
        for (K8sObject trigger : BUILD.stream().filter(o -> o.kind().equals("Trigger")).toList()) {
            boolean toEvents = List.of(trigger.spec().path("subscriber"), trigger.spec().path("delivery")
                    .path("deadLetterSink")).stream().anyMatch(d -> d.path("ref").path("name").asString("")
                    .equals("events") && d.path("ref").path("kind").asString("").equals("Service"));
            if (toEvents) {
                // Knative's OIDC service account of a Trigger: kmeta.ChildName(name, "-oidc-<group>-<kind>")
                senders.add("system:serviceaccount:" + trigger.namespace() + ":" + trigger.name()
                        + "-oidc-eventing.knative.dev-trigger");
            }
        }
        Set<String> allowed = Arrays.stream(EnvChecks.envValue(container, "ORFEAS_EVENTS_OIDC_ALLOWED_SUBJECTS")
                .split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
        assertThat(senders).hasSizeGreaterThanOrEqualTo(6);
        assertThat(allowed).isEqualTo(senders);
        assertThat(senders).allMatch(s -> s.substring(s.lastIndexOf(':') + 1).length() <= 63,
                "a service-account name Knative does not shorten");
    }

    @Test
    void theJwksTokenAndCaAreFilesOfAMountedProjectedVolume() {
        K8sObject events = events();
        JsonNode container = Manifests.container(events);
        JsonNode pod = events.spec().path("template").path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        Set<String> files = new TreeSet<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            for (JsonNode volume : pod.path("volumes")) {
                if (!volume.path("name").asString("").equals(mount.path("name").asString())) {
                    continue;
                }
                for (JsonNode source : volume.path("projected").path("sources")) {
                    String dir = mount.path("mountPath").asString();
                    if (source.has("serviceAccountToken") && !source.path("serviceAccountToken").has("audience")) {
                        files.add("token " + dir + "/" + source.path("serviceAccountToken").path("path").asString());
                    }
                    for (JsonNode item : source.path("configMap").path("items")) {
                        if (source.path("configMap").path("name").asString("").equals("kube-root-ca.crt")) {
                            files.add("ca " + dir + "/" + item.path("path").asString());
                        }
                    }
                }
            }
        }
        assertThat(files).contains("token " + EnvChecks.envValue(container, "ORFEAS_EVENTS_OIDC_JWKS_TOKEN_FILE"),
                "ca " + EnvChecks.envValue(container, "ORFEAS_EVENTS_OIDC_JWKS_CA_FILE"));
    }

    private static K8sObject events() {
        return Manifests.find(BUILD, "serving.knative.dev/v1", "Service", "orfeas", "events").orElseThrow();
    }
}
