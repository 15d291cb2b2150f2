package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Knative Eventing's OIDC sender identity (issue 12, item 11), as the overlays prepare it: whoever sends to a Broker
 * (a SinkBinding subject) mounts a projected service-account token for that Broker's audience and points its app's
 * token-file property at it, with the pod's own API token still not mounted; every delivery to the service that
 * verifies tokens names that service's audience, so the broker asks for a token the service accepts.
 */
final class OidcChecks {

    /** The property each app reads its sender token for K_SINK from. */
    static final Map<String, String> TOKEN_FILE_PROPERTY = Map.of(
            "events", "orfeas.events.sink.token-file",
            "generate", "orfeas.jobs.sink-token-file");

    private OidcChecks() {
    }

    /** Knative's audience of a resource: {@code <group>/<kind>/<namespace>/<name>}, lower case. */
    static String audience(String group, String kind, String namespace, String name) {
        return (group + "/" + kind + "/" + namespace + "/" + name).toLowerCase(Locale.ROOT);
    }

    /** The senders checked (ksvc names) are added to {@code checked}. */
    static List<String> senderTokenProblems(List<K8sObject> build, Set<String> checked) {
        List<String> problems = new ArrayList<>();
        for (K8sObject binding : build.stream().filter(o -> o.kind().equals("SinkBinding")).toList()) {
            JsonNode ref = binding.spec().path("sink").path("ref");
            if (!ref.path("kind").asString("").equals("Broker")) {
                continue;
            }
            String namespace = ref.path("namespace").asString(binding.namespace());
            String brokerName = ref.path("name").asString("");
            String expected = audience("eventing.knative.dev", "Broker", namespace, brokerName);
            String subject = binding.spec().path("subject").path("name").asString("");
            Optional<K8sObject> ksvc = Manifests.ksvcs(build).stream()
                    .filter(k -> k.name().equals(subject) && k.namespace().equals(binding.namespace())).findFirst();
            if (ksvc.isEmpty()) {
                problems.add(binding.id() + ": subject " + subject + " is not a Knative Service of this build");
                continue;
            }
            checked.add(subject);
            problems.addAll(tokenProblems(ksvc.get(), expected));
        }
        return problems;
    }

    private static List<String> tokenProblems(K8sObject ksvc, String expectedAudience) {
        List<String> problems = new ArrayList<>();
        JsonNode pod = ksvc.spec().path("template").path("spec");
        JsonNode container = Manifests.container(ksvc);
        App app = App.forImage(container.path("image").asString(""));
        String property = TOKEN_FILE_PROPERTY.get(app.name());
        if (property == null) {
            return List.of(ksvc.id() + ": sends to a Broker, but app " + app.name() + " has no known token-file property");
        }
        if (!pod.path("automountServiceAccountToken").isBoolean() || pod.path("automountServiceAccountToken").asBoolean()) {
            problems.add(ksvc.id() + ": automountServiceAccountToken must stay false (the broker token is enough)");
        }
        String var = EnvChecks.envNameFor(property, app.propertyNames(), container);
        String file = var == null ? null : EnvChecks.envValue(container, var);
        if (file == null) {
            problems.add(ksvc.id() + ": sends to a Broker but does not set " + property + " (its sender token)");
            return problems;
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = mount.path("mountPath").asString("");
            for (JsonNode volume : pod.path("volumes")) {
                if (!volume.path("name").asString("").equals(mount.path("name").asString())) {
                    continue;
                }
                for (JsonNode source : volume.path("projected").path("sources")) {
                    JsonNode token = source.path("serviceAccountToken");
                    if (token.isMissingNode() || !file.equals(dir + "/" + token.path("path").asString(""))) {
                        continue;
                    }
                    if (!expectedAudience.equals(token.path("audience").asString(""))) {
                        problems.add(ksvc.id() + ": the token at " + file + " has audience "
                                + token.path("audience").asString("(none: the API server's)") + ", the broker's is "
                                + expectedAudience);
                    }
                    if (!mount.path("readOnly").asBoolean(false)) {
                        problems.add(ksvc.id() + ": the token mount " + dir + " must be readOnly");
                    }
                    return problems;
                }
            }
        }
        problems.add(ksvc.id() + ": " + var + "=" + file + " is no projected serviceAccountToken mounted in the pod");
        return problems;
    }

    /**
     * Every destination (Trigger subscriber, Trigger and Broker dead-letter sinks) that is Knative Service
     * {@code service} names the audience {@code serving.knative.dev/service/<namespace>/<service>}. The destinations
     * found are added to {@code checked}.
     */
    static List<String> audienceProblems(List<K8sObject> build, String service, List<String> checked) {
        List<String> problems = new ArrayList<>();
        for (K8sObject o : build) {
            List<Map.Entry<String, JsonNode>> destinations = new ArrayList<>();
            if (o.kind().equals("Trigger")) {
                destinations.add(Map.entry("subscriber", o.spec().path("subscriber")));
            }
            if (o.kind().equals("Trigger") || o.kind().equals("Broker")) {
                destinations.add(Map.entry("deadLetterSink", o.spec().path("delivery").path("deadLetterSink")));
            }
            for (var destination : destinations) {
                JsonNode ref = destination.getValue().path("ref");
                if (!ref.path("kind").asString("").equals("Service") || !ref.path("name").asString("").equals(service)) {
                    continue;
                }
                String expected = audience("serving.knative.dev", "Service", ref.path("namespace")
                        .asString(o.namespace()), service);
                String given = destination.getValue().path("audience").asString("");
                checked.add(o.id() + " " + destination.getKey());
                if (!expected.equals(given)) {
                    problems.add(o.id() + ": " + destination.getKey() + " to " + service + " has audience '" + given
                            + "', expected " + expected);
                }
            }
        }
        return problems;
    }
}
