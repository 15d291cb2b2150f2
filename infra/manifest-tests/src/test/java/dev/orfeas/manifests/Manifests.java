package dev.orfeas.manifests;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The deployable builds: every kustomization the project ships, built with kubectl's kustomize. */
final class Manifests {

    private static final Map<Path, List<K8sObject>> BUILDS = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** knative/overlays/* (the Knative deployments). */
    static List<Path> knativeOverlays() {
        try (Stream<Path> dirs = Files.list(Repo.path("knative/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every kustomization a user applies: the Knative overlays and minio/k8s. */
    static List<Path> allBuilds() {
        return Stream.concat(knativeOverlays().stream(), Stream.of(Repo.path("minio/k8s"))).toList();
    }

    static List<K8sObject> build(Path kustomization) {
        return BUILDS.computeIfAbsent(kustomization.toAbsolutePath().normalize(), Manifests::kustomize);
    }

    static List<K8sObject> kustomize(Path dir) {
        var run = Repo.run(List.of("kubectl", "kustomize", dir.toString()));
        if (run.exit() != 0) {
            throw new IllegalStateException("kubectl kustomize " + Repo.ROOT.relativize(dir.toAbsolutePath())
                    + " failed:\n" + run.output());
        }
        return Yaml.documents(run.output()).stream().map(K8sObject::new).toList();
    }

    static List<K8sObject> parse(String yaml) {
        return Yaml.documents(yaml).stream().map(K8sObject::new).toList();
    }

    static String name(Path overlay) {
        return Repo.ROOT.relativize(overlay.toAbsolutePath().normalize()).toString();
    }

    /** One Kubernetes object of a build. */
    record K8sObject(JsonNode node) {

        String apiVersion() {
            return node.path("apiVersion").asString("");
        }

        String group() {
            String v = apiVersion();
            return v.contains("/") ? v.substring(0, v.indexOf('/')) : "";
        }

        String version() {
            String v = apiVersion();
            return v.substring(v.indexOf('/') + 1);
        }

        String kind() {
            return node.path("kind").asString("");
        }

        String name() {
            return node.path("metadata").path("name").asString("");
        }

        String namespace() {
            return node.path("metadata").path("namespace").asString("");
        }

        JsonNode spec() {
            return node.path("spec");
        }

        boolean is(String apiGroup, String kindName) {
            return group().equals(apiGroup) && kind().equals(kindName);
        }

        String id() {
            return kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
        }

        @Override
        public String toString() {
            return id();
        }
    }

    static List<K8sObject> ksvcs(List<K8sObject> build) {
        return build.stream().filter(o -> o.is("serving.knative.dev", "Service")).toList();
    }

    static Optional<K8sObject> find(List<K8sObject> build, String apiVersion, String kind, String namespace,
                                    String name) {
        return build.stream().filter(o -> o.apiVersion().equals(apiVersion) && o.kind().equals(kind)
                && o.name().equals(name) && o.namespace().equals(namespace)).findFirst();
    }

    /** The one container of a Knative Service's template. */
    static JsonNode container(K8sObject ksvc) {
        JsonNode containers = ksvc.spec().path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new IllegalStateException(ksvc + " has " + containers.size() + " containers, expected 1");
        }
        return containers.get(0);
    }
}
