package dev.orfeas.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the cluster scripts with --dry-run, with kubectl/kn/helm/curl/mc/skopeo/docker replaced by shims that record
 * any call and fail: only `kubectl kustomize` reaches the real kubectl. A dry run that touched a cluster fails.
 */
final class DryRun {

    private static final Path SHIMS = install();

    private DryRun() {
    }

    private static Path install() {
        try {
            Path dir = Files.createTempDirectory("orfeas-shims");
            dir.toFile().deleteOnExit();
            String kubectl = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "kubectl"))
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                            "kubectl (with its built-in kustomize) is needed on PATH for the manifest checks"))
                    .toString();
            for (String tool : List.of("kubectl", "kn", "helm", "curl", "mc", "skopeo", "docker")) {
                Path shim = dir.resolve(tool);
                Files.writeString(shim, """
                        #!/usr/bin/env bash
                        if [[ "%1$s" == kubectl && "$1" == kustomize ]]; then exec "%3$s" "$@"; fi
                        echo "%1$s $*" >> "%2$s"
                        exit 97
                        """.formatted(tool, dir.resolve("calls.log"), kubectl));
                Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** scripts/SCRIPT ARGS... with extra environment; asserts that no cluster tool was called. */
    static synchronized Repo.Run run(Map<String, String> env, String script, String... args) {
        try {
            Files.deleteIfExists(SHIMS.resolve("calls.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + script));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        environment.put("PATH", SHIMS + ":/usr/bin:/bin");
        var run = Repo.run(Repo.ROOT, environment, command);
        assertThat(SHIMS.resolve("calls.log")).as("cluster tools called by " + script + " " + List.of(args))
                .doesNotExist();
        return run;
    }

    static Repo.Run run(String script, String... args) {
        return run(Map.of(), script, args);
    }

    static List<String> lines(Repo.Run run) {
        return run.output().lines().toList();
    }

    /** The first group of every line matching REGEX entirely. */
    static Set<String> matching(List<String> lines, String regex) {
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
}
