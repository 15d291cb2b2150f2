package dev.orfeas.manifests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the deployment guide says of every script: each one in scripts/ answers --help with its usage and runs
 * nothing (no Maven, no Java program, no network or cluster tool); exactly the scripts the guide names have
 * --dry-run; run.sh's and fetch-models.sh's dry runs touch nothing either.
 */
class ScriptHelpTests {

    /** The scripts with --dry-run, as the guide lists them. */
    static final Set<String> DRY_RUN = Set.of("cluster-bootstrap.sh", "cluster-minio.sh", "deploy.sh", "rollout.sh",
            "fetch-models.sh", "run.sh", "verify-stack.sh");

    /** Sourced helpers, not run. */
    private static final Set<String> SOURCED = Set.of("common.sh", "s3-common.sh", "cluster-common.sh");

    private static final List<String> TOOLS = List.of("mvn", "docker", "kubectl", "kn", "helm", "aws", "npm", "curl",
            "skopeo", "mc", "debootstrap", "openssl", "node");

    private static final Path SHIMS = shims();

    static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path("scripts"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".sh") && !SOURCED.contains(n)).sorted().toList();
        }
    }

    private static Path shims() {
        try {
            Path dir = Files.createTempDirectory("orfeas-help-shims");
            dir.toFile().deleteOnExit();
            for (String tool : TOOLS) {
                Path shim = dir.resolve(tool);
                Files.writeString(shim, """
                        #!/usr/bin/env bash
                        echo "%1$s $*" >> "%2$s"
                        exit 97
                        """.formatted(tool, dir.resolve("calls.log")));
                Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** scripts/SCRIPT ARGS... with every tool on PATH a shim that records the call and fails. */
    private static synchronized Repo.Run run(String script, Map<String, String> env, String... args)
            throws IOException {
        Files.deleteIfExists(SHIMS.resolve("calls.log"));
        var command = new java.util.ArrayList<>(List.of("bash", Repo.path("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        var environment = new java.util.HashMap<>(env);
        environment.put("PATH", SHIMS + ":" + System.getenv("PATH"));
        var result = Repo.run(Repo.path(""), environment, command);
        Path calls = SHIMS.resolve("calls.log");
        assertThat(Files.exists(calls) ? Files.readString(calls) : "")
                .as("tools %s called by %s %s", TOOLS, script, String.join(" ", args)).isEmpty();
        return result;
    }

    @Test
    void theScriptsAreFound() throws IOException {
        assertThat(scripts()).contains("run.sh", "generate.sh", "test.sh", "build-images.sh", "bench-engine.sh")
                .doesNotContain("common.sh").containsAll(DRY_RUN);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void helpPrintsTheUsageAndRunsNothing(String script) throws IOException {
        var help = run(script, Map.of(), "--help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("scripts/" + script).doesNotContain("Exception")
                .doesNotContain("set -euo pipefail").doesNotContain("\u001b[");
        assertThat(run(script, Map.of(), "-h").output()).isEqualTo(help.output());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void exactlyTheScriptsTheGuideNamesOfferDryRun(String script) throws IOException {
        var help = run(script, Map.of(), "--help");
        if (DRY_RUN.contains(script)) {
            assertThat(help.output()).contains("--dry-run");
        } else {
            assertThat(help.output()).as("%s has no --dry-run; the guide must not promise one", script)
                    .doesNotContain("--dry-run");
        }
    }

    @Test
    void theGuideNamesTheScriptsWithDryRun() {
        String guide = Repo.read("docs/DEPLOYMENT_GUIDE.md").replaceAll("\\s+", " ");
        assertThat(guide).contains("Every script in `scripts/` has `--help`")
                .contains("the cluster scripts (`cluster-bootstrap.sh`, `cluster-minio.sh`, `deploy.sh`, "
                        + "`rollout.sh`), `fetch-models.sh`, `run.sh` and `verify-stack.sh` also have `--dry-run`")
                .doesNotContain("Every script has `--help` and `--dry-run`");
    }

    @Test
    void runDryRunSaysWhatItWouldStartAndStartsNothing(@org.junit.jupiter.api.io.TempDir Path data)
            throws IOException {
        var dry = run("run.sh", Map.of("ORFEAS_DATA", data.toString(), "PORT", "18999"), "--dry-run",
                "--with-events");

        assertThat(dry.exit()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("S3Proxy on http://127.0.0.1:", "generate: java -jar",
                "on http://127.0.0.1:18999", "events: java -jar", "CloudEvents to http://127.0.0.1:18999/");
        try (Stream<Path> written = Files.list(data)) {
            assertThat(written).as("a dry run writes nothing").isEmpty();
        }
    }
}
