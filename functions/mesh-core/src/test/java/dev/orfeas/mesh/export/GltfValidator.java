package dev.orfeas.mesh.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: judges a GLB with the Khronos glTF-Validator through {@code scripts/gltf-validate/validate.mjs}.
 * Needs Node.js on the PATH (or {@code -Dorfeas.node=/path/to/node}) and the validator installed once with
 * {@code npm ci --prefix scripts/gltf-validate}. Usable from any module: it finds the repository root by walking up
 * from the working directory.
 */
public final class GltfValidator {

    /** The validator's verdict on one file. {@code messages} are the first errors, {@code warningMessages} the first warnings. */
    public record Report(String file, int errors, int warnings, int infos, List<String> messages,
                         List<String> warningMessages) {

        public Report {
            messages = List.copyOf(messages);
            warningMessages = List.copyOf(warningMessages);
        }

        public boolean valid() {
            return errors == 0;
        }

        /** One line for assertion messages: counts, then the errors and warnings the validator named. */
        public String summary() {
            return file + ": " + errors + " errors, " + warnings + " warnings, " + infos + " infos; errors="
                    + messages + "; warnings=" + warningMessages;
        }
    }

    static final String SCRIPT_DIR = "scripts/gltf-validate";
    private static final long TIMEOUT_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GltfValidator() {
    }

    /** Validates GLB bytes (written to a temporary file that is removed afterwards). */
    public static Report validate(byte[] glb) {
        try {
            Path file = Files.createTempFile("orfeas-", ".glb");
            try {
                Files.write(file, glb);
                return validate(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Report validate(Path glb) {
        Path root = repositoryRoot();
        Path scripts = root.resolve(SCRIPT_DIR);
        if (!Files.isDirectory(scripts.resolve("node_modules/gltf-validator"))) {
            throw new IllegalStateException("the glTF-Validator is not installed: run `npm ci --prefix "
                    + SCRIPT_DIR + "` in " + root);
        }
        String node = System.getProperty("orfeas.node", "node");
        ProcessBuilder builder = new ProcessBuilder(node, scripts.resolve("validate.mjs").toString(),
                glb.toAbsolutePath().toString()).directory(root.toFile()).redirectErrorStream(true);
        String output;
        int status;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("glTF-Validator did not finish within " + TIMEOUT_SECONDS + " s");
            }
            status = process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("could not run '" + node + "' (is Node.js 18+ installed and on the PATH?"
                    + " then run `npm ci --prefix " + SCRIPT_DIR + "`)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating " + glb, e);
        }
        if (status != 0 && status != 1) {
            throw new IllegalStateException("glTF-Validator failed (exit " + status + "):\n" + output);
        }
        return parse(lastJsonLine(output));
    }

    /** The nearest directory at or above the working directory that holds {@value #SCRIPT_DIR}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(SCRIPT_DIR))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SCRIPT_DIR + " above " + Path.of("").toAbsolutePath());
    }

    private static String lastJsonLine(String output) {
        String[] lines = output.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("{")) {
                return lines[i];
            }
        }
        throw new IllegalStateException("glTF-Validator printed no report:\n" + output);
    }

    private static Report parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return new Report(node.path("file").asText(), node.path("errors").asInt(), node.path("warnings").asInt(),
                    node.path("infos").asInt(), texts(node.path("messages")), texts(node.path("warningMessages")));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable glTF-Validator report: " + line, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
