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
import java.util.regex.Pattern;

/** Environment variables of the Knative Services against the properties their apps bind. */
final class EnvChecks {

    /** Set by Knative (PORT, K_*) or by a SinkBinding (K_SINK): a manifest must not set them. */
    static final Set<String> RESERVED_ENV = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION", "K_SINK",
            "K_CE_OVERRIDES");
    private static final Pattern SENSITIVE = Pattern.compile("SECRET|PASSWORD|TOKEN|API_KEY|ACCESS_KEY|TARGETS");

    private EnvChecks() {
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

    static void env(K8sObject ksvc, JsonNode container, App app, List<String> problems) {
        Set<String> properties = app.propertyNames();
        Map<String, String> placeholders = app.placeholders();
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asString("");
            if (RESERVED_ENV.contains(name)) {
                problems.add(ksvc.id() + ": sets " + name + ", which Knative (or the SinkBinding) sets");
            } else if (!placeholders.containsKey(name) && bound(name, properties) == null) {
                problems.add(ksvc.id() + ": env " + name + " binds to no property of " + app.name());
            }
            // a *_FILE variable names a mounted file (a projected token), never the secret itself
            if (SENSITIVE.matcher(name).find() && !name.endsWith("_FILE")
                    && var.path("valueFrom").path("secretKeyRef").isMissingNode()) {
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

    static String envNameFor(String property, Set<String> properties, JsonNode container) {
        for (JsonNode var : container.path("env")) {
            if (property.equals(bound(var.path("name").asString(""), properties))) {
                return var.path("name").asString();
            }
        }
        return null;
    }

    static String envValue(JsonNode container, String name) {
        for (JsonNode var : container.path("env")) {
            if (var.path("name").asString("").equals(name)) {
                return var.path("value").asString(null);
            }
        }
        return null;
    }
}
