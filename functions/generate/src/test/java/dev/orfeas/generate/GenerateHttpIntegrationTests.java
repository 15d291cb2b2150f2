package dev.orfeas.generate;

import dev.orfeas.generate.generation.MeshLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateHttpIntegrationTests extends SharedAppIntegrationTest {

    @Test
    void defaultAnswerIsGlbBytesIdenticalToTheStoredObjectAndItsPresignedUrl() throws Exception {
        byte[] image = TestImages.discPng(96, 1);

        var bytes = postImage("/generate?quality=draft&name=cat.png", image, "image/png", "*/*");
        var json = postImage("/generate?quality=draft", image, "image/png", "application/json");

        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("content-type")).hasValue("model/gltf-binary");
        assertThat(bytes.headers().firstValue("content-disposition").orElseThrow()).contains("cat.glb");
        assertThat(new String(bytes.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
        JsonNode view = json(json);
        assertThat(view.get("id").asString()).isEqualTo(bytes.headers().firstValue("x-mesh-id").orElseThrow());
        assertThat(view.get("cached").asBoolean()).isTrue();
        assertThat(view.get("key").asString()).isEqualTo(view.get("id").asString() + "/model.glb");
        assertThat(download(view.get("url").asString())).isEqualTo(bytes.body());
        assertThat(view.get("source").get("key").asString()).endsWith("/source.png");
        assertThat(download(view.get("files").get(0).get("url").asString())).isEqualTo(bytes.body());
    }

    @Test
    void aLaterNamedRequestNamesTheDownloadOfAMeshFirstStoredWithoutANameAndStoresNoSecondCopy() throws Exception {
        byte[] image = TestImages.discPng(88, 3);
        String id = json(postImage("/generate?quality=draft", image, "image/png", "application/json"))
                .get("id").asString();
        int stored = objectCount(id);

        var named = json(postImage("/generate?quality=draft&name=dog.png", image, "image/png", "application/json"));
        var bytes = postImage("/generate?quality=draft&name=dog.png", image, "image/png", "model/gltf-binary");
        var byId = json(getWithKey("/meshes/" + id + "?name=" + "d%C3%B6g.png"));

        assertThat(named.get("id").asString()).isEqualTo(id);
        assertThat(named.get("cached").asBoolean()).isTrue();
        assertThat(downloadName(named.get("url").asString())).contains("filename=\"dog.glb\"");
        assertThat(downloadName(named.get("files").get(0).get("url").asString())).contains("dog.glb");
        assertThat(bytes.headers().firstValue("content-disposition").orElseThrow()).contains("dog.glb");
        assertThat(downloadName(byId.get("url").asString())).contains("filename*=UTF-8''d%C3%B6g.glb");
        assertThat(objectCount(id)).as("no second copy").isEqualTo(stored);
    }

    /** The Content-Disposition S3 answers for a presigned URL (a plain HTTP GET, no SDK). */
    private static String downloadName(String url) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("content-disposition").orElse("");
    }

    private static int objectCount(String meshId) {
        try (var s3 = testS3()) {
            return s3.listObjectsV2(r -> r.bucket("meshes").prefix(meshId + "/")).keyCount();
        }
    }

    @ParameterizedTest
    @CsvSource({"glb, model/gltf-binary", "obj, model/obj", "stl, model/stl", "ply, application/x-ply"})
    void eachFormatIsAnsweredWithItsMediaTypeAndStoredUnderModelDotExtension(String format, String mediaType)
            throws Exception {
        byte[] image = TestImages.boxJpeg(80);

        var bytes = postImage("/generate?quality=draft&format=" + format + "&name=box.jpg", image, "image/jpeg",
                mediaType);
        var view = json(postImage("/generate?quality=draft&format=" + format, image, "image/jpeg",
                "application/json"));

        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("content-type")).hasValue(mediaType);
        assertThat(bytes.headers().firstValue("content-disposition").orElseThrow()).contains("box." + format);
        assertThat(looksLike(format, bytes.body())).as("%s magic", format).isTrue();
        assertThat(view.get("key").asString()).endsWith("/model." + format);
        assertThat(download(view.get("url").asString())).isEqualTo(bytes.body());
        List<String> names = new ArrayList<>();
        view.get("files").forEach(f -> names.add(f.get("name").asString()));
        if (format.equals("obj")) {
            assertThat(names).hasSizeGreaterThanOrEqualTo(3).anyMatch(n -> n.endsWith(".mtl"))
                    .anyMatch(n -> n.endsWith(".jpg"));
        } else {
            assertThat(names).containsExactly("model." + format);
        }
    }

    @Test
    void acceptNamingAMeshTypeChoosesTheFormatWhenNoneIsGiven() throws Exception {
        var response = postImage("/generate?quality=draft", TestImages.discPng(64, 2), "image/png", "model/stl");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("model/stl");
    }

    @Test
    void eventStreamSendsOneProgressEventPerStageThenTheResult() throws Exception {
        var response = postImage("/generate?quality=draft&detail=0.25", TestImages.discPng(72, 3), "image/png",
                "text/event-stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String[]> events = sse(new String(response.body(), StandardCharsets.UTF_8));
        List<String> stages = events.stream().filter(e -> e[0].equals("progress"))
                .map(e -> JSON.readTree(e[1]).get("stage").asString()).toList();
        assertThat(stages).containsExactly("decode", "foreground", "field", "surface", "simplify", "texture",
                "export", "report");
        assertThat(JSON.readTree(events.get(7)[1]).get("percent").asInt()).isEqualTo(100);
        String[] last = events.getLast();
        assertThat(last[0]).isEqualTo("result");
        JsonNode result = JSON.readTree(last[1]);
        assertThat(result.get("report").get("faces").asInt()).isPositive();
        assertThat(result.get("report").get("timingsMs").has("decode")).isTrue();
        assertThat(result.get("report").get("timingsMs").has("export")).isTrue();
    }

    @Test
    void multipartUploadTakesTheImagePartAndItsFileName() throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] image = TestImages.discPng(64, 4);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"teapot.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = ByteBuffer.allocate(head.length + image.length + tail.length).put(head).put(image).put(tail)
                .array();

        var response = post("/generate?quality=draft", body, Map.of("Content-Type",
                "multipart/form-data; boundary=" + boundary, "Accept", "application/json",
                "Authorization", "Bearer " + API_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode view = json(response);
        assertThat(view.get("source").get("name").asString()).isEqualTo("teapot.png");
        try (var s3 = testS3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("meshes").key(view.get("source").get("key").asString()))
                    .asByteArray()).isEqualTo(image);
        }
    }

    @Test
    void repeatedRequestIsAnsweredFromStorageWithoutGenerating() throws Exception {
        byte[] image = TestImages.discPng(64, 5);
        double hitsBefore = metric("orfeas_generation_cache_hits_total", null);

        var first = postImage("/generate?quality=draft", image, "image/png", "model/gltf-binary");
        var second = postImage("/generate?quality=draft", image, "image/png", "model/gltf-binary");

        assertThat(first.headers().firstValue("x-cache")).hasValue("miss");
        assertThat(first.headers().firstValue("server-timing").orElseThrow()).contains("engine;dur=", "store;dur=");
        assertThat(second.headers().firstValue("x-cache")).hasValue("hit");
        assertThat(second.headers().firstValue("server-timing").orElseThrow()).contains("lookup;dur=")
                .doesNotContain("engine");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(metric("orfeas_generation_cache_hits_total", null)).isEqualTo(hitsBefore + 1);
    }

    @Test
    void meshesListsNewestFirstAndOneMeshComesWithAFreshUrl() throws Exception {
        String older = json(postImage("/generate?quality=draft", TestImages.discPng(64, 6), "image/png",
                "application/json")).get("id").asString();
        String newer = json(postImage("/generate?quality=draft", TestImages.discPng(64, 7), "image/png",
                "application/json")).get("id").asString();

        JsonNode page = json(getWithKey("/meshes?limit=2"));
        JsonNode one = json(getWithKey("/meshes/" + older));
        var missing = getWithKey("/meshes/00000000000000000000000000000000");

        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(newer);
        assertThat(page.get("items").get(1).get("id").asString()).isEqualTo(older);
        assertThat(page.get("next").isNull()).isFalse();
        assertThat(one.get("id").asString()).isEqualTo(older);
        assertThat(download(one.get("url").asString())).startsWith("glTF".getBytes(StandardCharsets.US_ASCII));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void meshesSkipsAListingMarkerWhoseMeshIsNotPublished() throws Exception {
        String published = json(postImage("/generate?quality=draft", TestImages.discPng(64, 8), "image/png",
                "application/json")).get("id").asString();
        String unpublished = "feedfacefeedfacefeedfacefeedface";
        // the state while a mesh is being stored (marker and files written, meta.json not yet), or after a crash
        String marker = MeshLayout.recent(unpublished, System.currentTimeMillis() + 1);
        try (var s3 = testS3()) {
            s3.putObject(b -> b.bucket("meshes").key(marker), RequestBody.empty());
            try {
                JsonNode page = json(getWithKey("/meshes?limit=5"));
                var one = getWithKey("/meshes/" + unpublished);

                List<String> ids = new ArrayList<>();
                page.get("items").forEach(item -> ids.add(item.get("id").asString()));
                assertThat(ids).contains(published).doesNotContain(unpublished);
                assertThat(one.statusCode()).isEqualTo(404);
            } finally {
                s3.deleteObject(b -> b.bucket("meshes").key(marker));
            }
        }
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
            "truncated png, image/png, 400, undecodable-image",
            "gif, application/octet-stream, 415, unsupported-image-type",
            "text, text/plain, 415, unsupported-image-type",
            "uniform png, image/png, 422, no-foreground",
            "too many bytes, image/png, 413, image-too-large",
            "too many pixels, image/png, 413, image-too-large",
            "faces out of range, image/png, 400, invalid-options",
            "unknown format, image/png, 400, invalid-options",
            "unknown foreground, image/png, 400, invalid-options",
            "faces not a number, image/png, 400, invalid-options",
            "detail not a number, image/png, 400, invalid-options",
            "png as curl's default form encoding, application/x-www-form-urlencoded, 415, unsupported-image-type"})
    void badInputIsAnsweredWithItsStatusAsProblemJson(String input, String contentType, int status, String type)
            throws Exception {
        byte[] body = switch (input) {
            case "truncated png" -> TestImages.truncatedPng();
            case "gif" -> TestImages.gif();
            case "text" -> "hello".getBytes(StandardCharsets.UTF_8);
            case "uniform png" -> TestImages.uniformPng(64);
            case "too many bytes" -> new byte[400 * 1024];
            case "too many pixels" -> TestImages.stripPng(3000, 16);
            default -> TestImages.discPng(64, 8);
        };
        String query = switch (input) {
            case "faces out of range" -> "?faces=5";
            case "unknown format" -> "?format=fbx";
            case "unknown foreground" -> "?foreground=sideways";
            case "faces not a number" -> "?faces=many";
            case "detail not a number" -> "?detail=x";
            default -> "?quality=draft";
        };

        var response = postImage("/generate" + query, body, contentType, "*/*");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:orfeas:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    @Test
    void unacceptableAcceptIs406() throws Exception {
        var response = postImage("/generate?quality=draft", TestImages.discPng(64, 9), "image/png", "text/html");

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void everythingButHealthNeedsAValidKey() throws Exception {
        byte[] image = TestImages.discPng(64, 10);
        var none = post("/generate", image, Map.of("Content-Type", "image/png"));
        var wrong = post("/generate", image, Map.of("Content-Type", "image/png",
                "Authorization", "Bearer not-the-key-at-all-000"));
        var viaHeader = get("/meshes?limit=1", Map.of("X-API-Key", API_KEY));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(none).get("type").asString()).isEqualTo("urn:orfeas:problem:unauthorized");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(get("/meshes", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", Map.of()).statusCode()).as("actuator is not on the serving port")
                .isIn(401, 404);
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(get("/livez", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
        assertThat(new String(get("/health", Map.of()).body())).contains("\"UP\"");
    }

    @Test
    void keylessEventsAreAcceptedOnlyAsCloudEventsAtTheRoot() throws Exception {
        Map<String, String> eventHeaders = Map.of("ce-specversion", "1.0", "ce-id", "keyless-1",
                "ce-type", "dev.orfeas.object.created", "ce-source", "/minio/uploads",
                "Content-Type", "application/json");
        byte[] data = "{\"bucket\":\"uploads\",\"key\":\"keyless/none.png\"}".getBytes(StandardCharsets.UTF_8);

        var atRoot = post("/", data, eventHeaders);
        var atGenerate = post("/generate", data, eventHeaders);
        var imageWithCeHeader = post("/generate", TestImages.discPng(64, 10),
                Map.of("Content-Type", "image/png", "ce-specversion", "1.0"));
        var listWithCeHeader = get("/meshes", Map.of("ce-specversion", "1.0"));
        var structuredList = get("/meshes", Map.of("Content-Type", "application/cloudevents+json"));

        assertThat(atRoot.statusCode()).as("the event endpoint takes broker events").isNotEqualTo(401);
        assertThat(atGenerate.statusCode()).isEqualTo(401);
        assertThat(imageWithCeHeader.statusCode()).isEqualTo(401);
        assertThat(listWithCeHeader.statusCode()).isEqualTo(401);
        assertThat(structuredList.statusCode()).isEqualTo(401);
    }

    @Test
    void requestHeadersAreNotEchoedIntoTheResponse() throws Exception {
        var response = post("/generate?quality=draft", TestImages.discPng(64, 11), Map.of(
                "Content-Type", "image/png", "Authorization", "Bearer " + API_KEY,
                "X-Custom-Thing", "echo-me", "User-Agent", "orfeas-test-agent"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("x-custom-thing")
                || h.equalsIgnoreCase("user-agent") || h.toLowerCase().startsWith("ce-"));
        assertThat(response.headers().map().values().toString()).doesNotContain("echo-me");
    }

    @Test
    void prometheusShowsStageLatencyFacesBytesAndEngineLoadTime() throws Exception {
        postImage("/generate?quality=draft", TestImages.discPng(64, 12), "image/png", "*/*");

        String text = scrape();

        assertThat(text).contains("orfeas_generation_stage_seconds_bucket{", "stage=\"field\"",
                "orfeas_mesh_faces_count", "orfeas_storage_written_bytes_total", "orfeas_generation_in_flight",
                "orfeas_engine_load_seconds", "orfeas_generation_cache_hits_total", "application_ready_time_seconds");
        assertThat(metric("orfeas_engine_ready", null)).isEqualTo(1.0);
    }

    private static boolean looksLike(String format, byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.US_ASCII);
        return switch (format) {
            case "glb" -> head.startsWith("glTF");
            case "ply" -> head.startsWith("ply\n") || head.startsWith("ply\r\n");
            case "obj" -> head.contains("\nv ") || head.startsWith("v ") || head.contains("mtllib");
            case "stl" -> body.length > 84 && body.length == 84 + 50L
                    * ByteBuffer.wrap(body, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            default -> false;
        };
    }

    /** [event name, data] pairs of a text/event-stream body. */
    static List<String[]> sse(String body) {
        List<String[]> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (!data.isEmpty()) {
                events.add(new String[] {name, data.toString()});
            }
        }
        return events;
    }
}
