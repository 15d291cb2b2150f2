package dev.orfeas.manifests;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MinIO (AWS IAM syntax) policies, checked against an explicit allow-list per function. */
final class PolicyChecks {

    /**
     * What each function may do: "action resource". Derived by reading the apps (see minio/policies/README.md);
     * a change in an app that needs more must change this list on purpose.
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "orfeas-generate", Set.of(
                    "s3:GetObject arn:aws:s3:::uploads/*",
                    "s3:ListBucket arn:aws:s3:::uploads",
                    "s3:GetObject arn:aws:s3:::meshes/*",
                    "s3:PutObject arn:aws:s3:::meshes/*",
                    "s3:DeleteObject arn:aws:s3:::meshes/*",
                    "s3:AbortMultipartUpload arn:aws:s3:::meshes/*",
                    "s3:ListMultipartUploadParts arn:aws:s3:::meshes/*",
                    "s3:ListBucket arn:aws:s3:::meshes"),
            "orfeas-events", Set.of(
                    "s3:GetObject arn:aws:s3:::meshes/*",
                    "s3:ListBucket arn:aws:s3:::meshes",
                    "s3:GetObject arn:aws:s3:::backups/*",
                    "s3:PutObject arn:aws:s3:::backups/*",
                    "s3:DeleteObject arn:aws:s3:::backups/manifests/*",
                    "s3:ListBucket arn:aws:s3:::backups",
                    "s3:PutObject arn:aws:s3:::failed/*"),
            // attached to the events user only when POST /restore is enabled (RESTORE=1 in cluster-minio.sh)
            "orfeas-events-restore", Set.of(
                    "s3:PutObject arn:aws:s3:::meshes/*",
                    "s3:DeleteObject arn:aws:s3:::meshes/*",
                    "s3:AbortMultipartUpload arn:aws:s3:::meshes/*"));

    /** One bucket, or the objects of one bucket (optionally under a plain prefix). */
    private static final Pattern RESOURCE = Pattern.compile(
            "arn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/([A-Za-z0-9._-]+/)*\\*)?");
    private static final Pattern ACTION = Pattern.compile("s3:[A-Za-z]+");

    private PolicyChecks() {
    }

    /** The default bucket names of StorageProperties.Buckets (functions/storage): name → bucket. */
    static Map<String, String> defaultBuckets() {
        String source = Repo.read("functions/storage/src/main/java/dev/orfeas/storage/StorageProperties.java");
        String buckets = source.substring(source.indexOf("record Buckets("));
        Matcher m = Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\)\\s*String\\s+(\\w+)").matcher(buckets);
        Map<String, String> found = new TreeMap<>();
        while (m.find()) {
            found.put(m.group(2), m.group(1));
        }
        return found;
    }

    /** The "action resource" pairs a policy allows, or problems when its shape is not a plain allow-list. */
    static Set<String> grants(JsonNode policy, List<String> problems) {
        Set<String> grants = new TreeSet<>();
        if (!"2012-10-17".equals(policy.path("Version").asString(""))) {
            problems.add("Version must be 2012-10-17");
        }
        if (!policy.path("Statement").isArray() || policy.path("Statement").isEmpty()) {
            problems.add("no Statement list");
        }
        for (JsonNode statement : policy.path("Statement")) {
            String sid = statement.path("Sid").asString("(no Sid)");
            if (!"Allow".equals(statement.path("Effect").asString(""))) {
                problems.add(sid + ": only Allow statements (a Deny hides what is granted elsewhere)");
            }
            for (String forbidden : List.of("NotAction", "NotResource", "Principal", "NotPrincipal")) {
                if (statement.has(forbidden)) {
                    problems.add(sid + ": " + forbidden + " grants by exclusion");
                }
            }
            for (String action : strings(statement.path("Action"))) {
                if (!ACTION.matcher(action).matches()) {
                    problems.add(sid + ": action " + action + " is a wildcard or not an s3 action");
                }
                for (String resource : strings(statement.path("Resource"))) {
                    if (!RESOURCE.matcher(resource).matches()) {
                        problems.add(sid + ": resource " + resource + " is not one bucket or objects of one bucket");
                    }
                    grants.add(action + " " + resource);
                }
            }
        }
        return grants;
    }

    /** Problems of one function's policy: shape, unknown buckets, and any difference from its allow-list. */
    static List<String> problems(String function, JsonNode policy) {
        List<String> problems = new ArrayList<>();
        Set<String> grants = grants(policy, problems);
        Set<String> allowed = ALLOWED.get(function);
        if (allowed == null) {
            return List.of(function + ": no allow-list for this function");
        }
        var buckets = new TreeSet<>(defaultBuckets().values());
        for (String grant : grants) {
            Matcher m = RESOURCE.matcher(grant.substring(grant.indexOf(' ') + 1));
            if (m.matches() && !buckets.contains(m.group(1))) {
                problems.add(function + ": bucket " + m.group(1) + " is not one of the app's buckets " + buckets);
            }
            if (!allowed.contains(grant)) {
                problems.add(function + ": grants " + grant + ", beyond its allow-list");
            }
        }
        for (String needed : allowed) {
            if (!grants.contains(needed)) {
                problems.add(function + ": lacks " + needed + " (the app needs it)");
            }
        }
        return problems;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isString()) {
            values.add(node.asString());
        } else {
            node.forEach(n -> values.add(n.asString("")));
        }
        return values;
    }
}
