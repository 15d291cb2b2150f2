package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Checks of one build's Knative objects; each returns the problems it finds (empty: fine). */
final class KnativeChecks {

    /** Kinds in Knative groups whose CRD is not vendored, and why that is acceptable. */
    static final Map<String, String> UNVENDORED = Map.of(
            "networking.internal.knative.dev/ClusterDomainClaim",
            "two fields (spec.namespace); checked by the reference check against the DomainMapping");

    private KnativeChecks() {
    }

    static boolean isKnative(K8sObject o) {
        return o.group().endsWith("knative.dev");
    }

    /** Every Knative object validates against the served version of its vendored CRD. */
    static List<String> schemaProblems(List<K8sObject> build, CrdSchemas crds) {
        List<String> problems = new ArrayList<>();
        for (K8sObject o : build) {
            if (!isKnative(o) || UNVENDORED.containsKey(o.group() + "/" + o.kind())) {
                continue;
            }
            if (!crds.has(o.group(), o.kind())) {
                problems.add(o.id() + ": no vendored CRD for " + o.group() + "/" + o.kind());
            } else if (crds.schema(o.group(), o.kind(), o.version()).isEmpty()) {
                problems.add(o.id() + ": " + o.apiVersion() + " is not a served version of its CRD");
            } else {
                problems.addAll(crds.validate(o));
            }
        }
        return problems;
    }

    /** Feature flags the build's objects need → where. */
    static Map<String, List<String>> flagsUsed(List<K8sObject> build, CrdSchemas crds) {
        Map<String, List<String>> used = new TreeMap<>();
        for (K8sObject o : build) {
            if (isKnative(o)) {
                crds.flagsUsed(o).forEach((flag, paths) -> used.computeIfAbsent(flag, f -> new ArrayList<>())
                        .addAll(paths.stream().map(p -> o.id() + " " + p).toList()));
            }
        }
        return used;
    }

    /**
     * The config-features patch enables exactly what the build needs: every flag a used field sits behind is on
     * (in the patch, or by Knative's default), and the patch turns on no flag that nothing uses.
     */
    static List<String> flagProblems(List<K8sObject> build, JsonNode configFeaturesPatch, CrdSchemas crds) {
        Map<String, String> defaults = CrdSchemas.flagDefaults();
        Map<String, List<String>> used = flagsUsed(build, crds);
        JsonNode data = configFeaturesPatch.path("data");
        List<String> problems = new ArrayList<>();
        if (!"config-features".equals(configFeaturesPatch.path("metadata").path("name").asString(""))
                || !"knative-serving".equals(configFeaturesPatch.path("metadata").path("namespace").asString(""))) {
            problems.add("the patch is not for knative-serving/config-features");
        }
        used.forEach((flag, where) -> {
            String value = data.path(flag).asString(defaults.getOrDefault(flag, "disabled"));
            if (!value.equals("enabled")) {
                problems.add("flag " + flag + " is " + value + " but used by " + where);
            }
        });
        for (var e : data.properties()) {
            if (!defaults.containsKey(e.getKey())) {
                problems.add("flag " + e.getKey() + " is not a Knative Serving feature flag");
            } else if (e.getValue().asString("").equals("enabled") && !used.containsKey(e.getKey())) {
                problems.add("flag " + e.getKey() + " is enabled but nothing uses it");
            }
        }
        return problems;
    }

    /**
     * Every reference resolves inside the build: Trigger broker/subscriber/deadLetterSink, Broker deadLetterSink,
     * SinkBinding subject/sink, PingSource sink, DomainMapping ref (+ its ClusterDomainClaim). Destination paths
     * must be POST endpoints of the app behind the service; Trigger type filters must be types the code uses.
     */
    static List<String> referenceProblems(List<K8sObject> build, Set<String> eventTypes) {
        List<String> problems = new ArrayList<>();
        for (K8sObject o : build) {
            switch (o.kind()) {
                case "Trigger" -> {
                    ref(build, o, "eventing.knative.dev/v1", "Broker", o.spec().path("broker").asString(""), problems);
                    destination(build, o, o.spec().path("subscriber"), "subscriber", problems);
                    deadLetter(build, o, problems);
                    String type = o.spec().path("filter").path("attributes").path("type").asString("");
                    if (type.isEmpty()) {
                        problems.add(o.id() + ": no type filter (it would get every event)");
                    } else if (!eventTypes.contains(type)) {
                        problems.add(o.id() + ": filters on type " + type + ", which no app sends");
                    }
                    if (type.equals("dev.knative.sources.ping")) {
                        // ticks of which PingSource? Knative sets source = /apis/v1/namespaces/<ns>/pingsources/<name>
                        String source = o.spec().path("filter").path("attributes").path("source").asString("");
                        boolean known = build.stream().anyMatch(p -> p.kind().equals("PingSource") && source.equals(
                                "/apis/v1/namespaces/" + p.namespace() + "/pingsources/" + p.name()));
                        if (!known) {
                            problems.add(o.id() + ": ping Trigger's source filter '" + source
                                    + "' names no PingSource of the build");
                        }
                    }
                }
                case "Broker" -> deadLetter(build, o, problems);
                case "SinkBinding" -> {
                    JsonNode subject = o.spec().path("subject");
                    ref(build, o, subject.path("apiVersion").asString(""), subject.path("kind").asString(""),
                            subject.path("name").asString(""), problems);
                    destination(build, o, o.spec().path("sink"), "sink", problems);
                }
                case "PingSource" -> destination(build, o, o.spec().path("sink"), "sink", problems);
                case "DomainMapping" -> {
                    JsonNode r = o.spec().path("ref");
                    ref(build, o, r.path("apiVersion").asString(""), r.path("kind").asString(""),
                            r.path("name").asString(""), problems);
                    boolean claimed = build.stream().anyMatch(c -> c.kind().equals("ClusterDomainClaim")
                            && c.name().equals(o.name()) && c.spec().path("namespace").asString("").equals(o.namespace()));
                    if (!claimed) {
                        problems.add(o.id() + ": no ClusterDomainClaim delegating " + o.name() + " to " + o.namespace());
                    }
                }
                default -> { }
            }
        }
        return problems;
    }

    private static void deadLetter(List<K8sObject> build, K8sObject o, List<String> problems) {
        JsonNode delivery = o.spec().path("delivery");
        if (delivery.isMissingNode()) {
            return;
        }
        destination(build, o, delivery.path("deadLetterSink"), "deadLetterSink", problems);
    }

    private static void destination(List<K8sObject> build, K8sObject owner, JsonNode destination, String what,
                                    List<String> problems) {
        JsonNode r = destination.path("ref");
        if (r.isMissingNode()) {
            problems.add(owner.id() + ": " + what + " has no ref (a bare URI cannot be checked)");
            return;
        }
        ref(build, owner, r.path("apiVersion").asString(""), r.path("kind").asString(""), r.path("name").asString(""),
                problems).ifPresent(target -> {
                    String uri = destination.path("uri").asString("/");
                    if (target.is("serving.knative.dev", "Service")) {
                        Set<String> posts = new TreeSet<>(App.forImage(
                                Manifests.container(target).path("image").asString()).postPaths());
                        if (!posts.contains(uri)) {
                            problems.add(owner.id() + ": " + what + " path " + uri + " is not a POST endpoint of "
                                    + target.id() + " (it serves " + posts + ")");
                        }
                    }
                });
    }

    private static java.util.Optional<K8sObject> ref(List<K8sObject> build, K8sObject owner, String apiVersion,
                                                     String kind, String name, List<String> problems) {
        var found = Manifests.find(build, apiVersion, kind, owner.namespace(), name);
        if (found.isEmpty()) {
            problems.add(owner.id() + ": refers to " + apiVersion + " " + kind + " " + owner.namespace() + "/" + name
                    + ", which is not in the build");
        }
        return found;
    }
}
