package dev.orfeas.manifests;

import dev.orfeas.manifests.Manifests.K8sObject;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Autoscaling, timeouts and GPU placement of a Knative Service, as Knative's webhook would judge them. */
final class ScalingChecks {

    /** Knative's default max-revision-timeout-seconds (config-defaults): a longer timeout is refused. */
    static final int MAX_REVISION_TIMEOUT = 600;

    private ScalingChecks() {
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

    static void scaling(K8sObject ksvc, boolean gpu, List<String> problems) {
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
