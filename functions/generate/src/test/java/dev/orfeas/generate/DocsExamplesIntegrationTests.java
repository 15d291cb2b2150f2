package dev.orfeas.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs check: README.md's {@code ```bash} blocks that call the app ({@code curl … localhost:8080}) run as
 * written, with real curl and bash, against the app on its one-machine defaults (open mode, a real S3 store; the
 * ports 8080 and the management port 8081 replaced by the test's), in a
 * folder holding a copy of README.md. Every curl must answer the status its {@code # →} line shows (200 unless the
 * line shows a problem's {@code "status"}), with the headers its {@code (headers: …)} list names, and an answer of the
 * shape shown: every JSON field name the line shows, the values of type/title/status/format/bucket/engine, the file
 * names, the SSE event names; plain text by its first word. Mesh ids in the examples stand for the last mesh the
 * examples made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.open=true",
        "orfeas.security.rate-limit.capacity=10000",
        "orfeas.security.rate-limit.refill-per-minute=10000",
        "ORFEAS_LOG_FORMAT="})
class DocsExamplesIntegrationTests extends AppTestSupport {

    private static final Pattern BLOCK = Pattern.compile("```(?:bash|sh)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern HEADERS = Pattern.compile("\\(headers: ([^)]*)\\)");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z][A-Za-z0-9]*)\"\\s*:");
    private static final Pattern VALUE = Pattern.compile(
            "\"(type|title|status|format|bucket|engine)\"\\s*:\\s*(\"[^\"…]*\"|\\d+)");
    private static final Pattern FILE_NAME = Pattern.compile("\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:glb|obj|mtl|jpg|png|stl|ply)\\b");
    private static final Pattern SSE_EVENT = Pattern.compile("event:(\\w+)");
    private static final Pattern MESH_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/[\\d.]+ (\\d{3})");
    /** {@code # → 202 {…}}: a status other than 200 for an answer that is not a problem. */
    private static final Pattern LEADING_STATUS = Pattern.compile("^(\\d{3}) ");

    /** One command of a block and the {@code # →} lines after it (empty when it has none). */
    record Step(String command, String expected) {
    }

    @TempDir
    Path work;

    @Test
    void theReadmeCurlExamplesAnswerAsShown() throws Exception {
        String readme = Files.readString(readme());
        List<List<Step>> blocks = appBlocks(readme);
        assertThat(blocks).as("README blocks that call the app").isNotEmpty();
        Files.writeString(work.resolve("README.md"), readme);

        int curls = 0;
        String lastId = null;
        Map<String, String> lastHeaders = Map.of();
        for (List<Step> block : blocks) {
            for (Step step : block) {
                String command = step.command().replace("localhost:8080", "localhost:" + port)
                        .replace("127.0.0.1:8081", "127.0.0.1:" + managementPort)
                        .replace("localhost:8081", "localhost:" + managementPort);
                if (lastId != null) {
                    command = MESH_ID.matcher(command).replaceAll(lastId);
                }
                boolean curl = command.startsWith("curl ");
                Path headerFile = work.resolve("headers-" + curls + ".txt");
                if (curl) {
                    command = "curl -D '" + headerFile + "' " + command.substring("curl ".length());
                    curls++;
                }
                String out = bash(command);
                String what = step.command() + "\n→ " + out;
                String expected = step.expected();
                String body = HEADERS.matcher(expected).replaceAll("").strip();
                int status = expectedStatus(body);
                body = LEADING_STATUS.matcher(body).replaceFirst("");

                if (curl) {
                    String raw = Files.readString(headerFile);
                    lastHeaders = headers(raw);
                    assertThat(lastStatus(raw)).as(what).isEqualTo(status);
                    String id = lastHeaders.get("x-mesh-id");
                    if (id != null) {
                        lastId = id;
                    }
                    lastId = idIn(out, lastId);
                }
                Matcher named = HEADERS.matcher(expected);
                if (named.find()) {
                    checkHeaders(named.group(1), lastHeaders, what);
                }
                if (!body.isEmpty()) {
                    checkBody(body, out, what);
                }
            }
        }
        assertThat(curls).as("curl calls run").isGreaterThanOrEqualTo(5);
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md"))
                && Files.isDirectory(dir.resolve("functions")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }

    /** The ```bash blocks that call the app, as steps. */
    static List<List<Step>> appBlocks(String markdown) {
        List<List<Step>> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            String block = m.group(1);
            if (block.contains("curl ") && block.contains("localhost:8080")) {
                blocks.add(steps(block));
            }
        }
        return blocks;
    }

    static List<Step> steps(String block) {
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null; // a command continued with a backslash
        boolean inExpected = false;
        for (String line : block.split("\n")) {
            String text = line.strip();
            if (command != null) {
                boolean more = text.endsWith("\\");
                command.append(' ').append(more ? chop(text) : text);
                if (!more) {
                    steps.add(new Step(command.toString(), ""));
                    command = null;
                }
                continue;
            }
            if (text.startsWith("# →") && !steps.isEmpty()) {
                Step last = steps.removeLast();
                steps.add(new Step(last.command(), text.substring(3).strip()));
                inExpected = true;
                continue;
            }
            if (inExpected && text.startsWith("#  ")) {
                Step last = steps.removeLast();
                steps.add(new Step(last.command(), last.expected() + text.substring(1).strip()));
                continue;
            }
            inExpected = false;
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.endsWith("\\")) {
                command = new StringBuilder(chop(text));
            } else {
                steps.add(new Step(text, ""));
            }
        }
        return steps;
    }

    private static String chop(String line) {
        return line.substring(0, line.length() - 1).strip();
    }

    private String bash(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).directory(work.toFile())
                .redirectError(work.resolve("stderr.txt").toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        assertThat(process.exitValue()).as(command + "\n" + Files.readString(work.resolve("stderr.txt")))
                .isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int lastStatus(String rawHeaders) {
        Matcher m = STATUS_LINE.matcher(rawHeaders);
        int status = -1;
        while (m.find()) {
            status = Integer.parseInt(m.group(1));
        }
        return status;
    }

    private static int expectedStatus(String body) {
        Matcher lead = LEADING_STATUS.matcher(body);
        if (lead.find()) {
            return Integer.parseInt(lead.group(1));
        }
        Matcher m = Pattern.compile("\"status\"\\s*:\\s*(\\d{3})").matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : 200;
    }

    private static Map<String, String> headers(String raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : raw.split("\r?\n")) {
            if (line.startsWith("HTTP/")) {
                headers.clear();
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static void checkHeaders(String list, Map<String, String> actual, String what) {
        for (String item : list.split(",\\s*")) {
            int colon = item.indexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            assertThat(actual).as("header %s of %s", name, what).containsKey(name);
            if (colon < 0) {
                continue;
            }
            String shown = item.substring(colon + 1).strip();
            String value = actual.get(name);
            if (shown.contains("<id>")) {
                assertThat(value).as(name).matches(Pattern.quote(shown).replace("<id>", "\\E[0-9a-f]{32}\\Q"));
            } else if (shown.contains("|")) {
                assertThat(List.of(shown.split("\\|"))).as(name + ": " + value).contains(value);
            } else {
                assertThat(value).as(name).contains(shown);
            }
        }
    }

    private static void checkBody(String expected, String actual, String what) {
        if (expected.startsWith("{")) {
            JsonNode json = JSON.readTree(actual);
            Set<String> names = new java.util.TreeSet<>();
            collectNames(json, names);
            Matcher keys = KEY.matcher(expected);
            while (keys.find()) {
                assertThat(names).as("field %s in %s", keys.group(1), what).contains(keys.group(1));
            }
            Matcher values = VALUE.matcher(expected);
            while (values.find()) {
                JsonNode value = json.get(values.group(1));
                if (value != null) {
                    String shown = values.group(2);
                    String actualValue = shown.startsWith("\"") ? '"' + value.asString() + '"' : value.toString();
                    assertThat(actualValue).as("%s in %s", values.group(1), what).isEqualTo(shown);
                }
            }
        } else if (expected.startsWith("event:")) {
            Matcher events = SSE_EVENT.matcher(expected);
            while (events.find()) {
                assertThat(actual).as(what).contains("event:" + events.group(1));
            }
            Matcher keys = KEY.matcher(expected);
            while (keys.find()) {
                assertThat(actual).as(what).contains('"' + keys.group(1) + '"');
            }
        } else {
            assertThat(actual.strip()).as(what).startsWith(expected.split("\\s+")[0]);
        }
        Matcher files = FILE_NAME.matcher(expected.replace("…", " "));
        while (files.find()) {
            if (!files.group().startsWith("cat.")) {
                assertThat(actual).as("file %s in %s", files.group(), what).contains(files.group());
            }
        }
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                names.add(name);
                collectNames(node.get(name), names);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collectNames(element, names);
            }
        }
    }

    private static String idIn(String out, String fallback) {
        String text = out.strip();
        if (!text.startsWith("{")) {
            return fallback;
        }
        JsonNode json = JSON.readTree(text);
        if (json.hasNonNull("id") && MESH_ID.matcher(json.get("id").asString()).matches()) {
            return json.get("id").asString();
        }
        JsonNode items = json.path("items");
        if (items.isArray() && !items.isEmpty()) {
            return items.get(0).path("id").asString(fallback);
        }
        return fallback;
    }

    /** docs/http-api.md's 405 row and /meshes limit range are what the app does. */
    @Test
    void theApiDocsMethodAndLimitRowsHold() throws Exception {
        String api = Files.readString(readme().resolveSibling("docs/http-api.md"));
        assertThat(api).contains("| 405 | `urn:orfeas:problem:method-not-allowed` |")
                .contains("`limit`: 1 – 100 (default 20; outside that range 400 `bad-request`)");

        var getGenerate = get("/generate", Map.of());
        assertThat(getGenerate.statusCode()).isEqualTo(405);
        assertThat(json(getGenerate).get("type").asString()).isEqualTo("urn:orfeas:problem:method-not-allowed");
        for (String limit : List.of("0", "101")) {
            var page = get("/meshes?limit=" + limit, Map.of());
            assertThat(page.statusCode()).as("limit=" + limit).isEqualTo(400);
            assertThat(json(page).get("type").asString()).isEqualTo("urn:orfeas:problem:bad-request");
        }
        assertThat(get("/meshes?limit=1", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/meshes?limit=100", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void theParserReadsCommandsContinuationsAndExpectedLines() {
        List<Step> steps = steps("""
                # a comment
                curl -s a \\
                     'b?c=d'
                # → {"id":"x",
                #    "y":1}
                head -c 4 f; echo
                # → glTF        (headers: X-Mesh-Id)
                curl -s c
                """);
        assertThat(steps).containsExactly(new Step("curl -s a 'b?c=d'", "{\"id\":\"x\",\"y\":1}"),
                new Step("head -c 4 f; echo", "glTF        (headers: X-Mesh-Id)"), new Step("curl -s c", ""));
    }
}
