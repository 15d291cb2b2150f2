package dev.orfeas.generate.jobs;

import dev.orfeas.generate.TestImages;
import dev.orfeas.storage.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs API against the real app and a real S3Proxy: submit → SSE events in order → result, Prefer:
 * respond-async, cancel, another key's job, hostile ids, a full queue, WebSocket clients (one that stays, one that
 * leaves), validation before a job exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orfeas.security.api-keys=" + JobsTestSupport.API_KEY + "," + JobsTestSupport.OTHER_KEY,
        "orfeas.security.rate-limit.capacity=10000",
        "orfeas.security.rate-limit.refill-per-minute=10000",
        "orfeas.generation.max-bytes=300KB",
        "orfeas.generation.max-dimension=2048",
        "orfeas.jobs.workers=1",
        "orfeas.jobs.queue-length=3",
        "orfeas.jobs.instance=jobs-tests",
        "orfeas.jobs.sweep-interval=1s",
        "orfeas.jobs.keep-alive=200ms",
        "ORFEAS_LOG_FORMAT="})
class JobsIntegrationTests extends JobsTestSupport {

    @Test
    void aSubmittedJobStreamsItsProgressInOrderAndEndsWithTheSameResultAsGenerate() throws Exception {
        // a slow job (high quality at 1024²): the stream opened after the 202 still has stages ahead of it (the job
        // may start before the 202, and a follower gets the current state first, then every change)
        byte[] image = freshPng(1024, 201);
        var accepted = submit(image, "?quality=high&name=disc.png");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode doc = json(accepted);
        String id = doc.get("id").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/jobs/" + id);
        assertThat(doc.get("status").asString()).isIn("queued", "running");
        assertThat(doc.get("links").get("events").asString()).isEqualTo("/jobs/" + id + "/events");
        assertThat(doc.get("links").get("ws").asString()).isEqualTo("/jobs/" + id + "/ws");
        assertThat(doc.get("options").get("quality").asString()).isEqualTo("high");
        assertThat(doc.get("name").asString()).isEqualTo("disc.png");

        List<JsonNode> events = events(id);
        assertThat(events).isNotEmpty();
        List<Integer> percents = events.stream().map(e -> e.get("progress").get("percent").asInt()).toList();
        assertThat(percents).isSorted();
        assertThat(events.getLast().get("status").asString()).isEqualTo("succeeded");
        assertThat(events.getLast().get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(events.stream().map(e -> e.get("progress").get("stage").asString(null))
                .filter(s -> s != null)).contains("texture", "export", "report");

        JsonNode done = job(id);
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        String meshId = done.get("meshId").asString();
        assertThat(done.get("result").get("id").asString()).isEqualTo(meshId);
        assertThat(done.get("timings").has("total")).isTrue();
        assertThat(download(done.get("result").get("url").asString())).startsWith("glTF".getBytes());

        var sync = postImage("/generate?quality=high", image, "image/png", "application/json");
        assertThat(json(sync).get("id").asString()).isEqualTo(meshId);
        assertThat(json(sync).get("files").size()).isEqualTo(done.get("result").get("files").size());
    }

    @Test
    void aJobForAMeshStoredAlreadySucceedsAtOnce() throws Exception {
        byte[] image = freshPng(128, 202);
        assertThat(postImage("/generate", image, "image/png", "application/json").statusCode()).isEqualTo(200);
        var accepted = submit(image, "");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).get("status").asString()).isEqualTo("succeeded");
        assertThat(json(accepted).get("result").get("cached").asBoolean()).isTrue();
    }

    @Test
    void generateWithPreferRespondAsyncAnswersTheSame202() throws Exception {
        var response = post("/generate?format=stl", freshPng(128, 203), Map.of("Content-Type", "image/png",
                "Prefer", "wait=10, respond-async", "Authorization", "Bearer " + API_KEY));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("respond-async");
        String id = json(response).get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/jobs/" + id);
        JsonNode end = awaitEnd(id, Duration.ofSeconds(120));
        assertThat(end.get("status").asString()).isEqualTo("succeeded");
        assertThat(end.get("result").get("format").asString()).isEqualTo("stl");
    }

    @Test
    void invalidOptionsAndUploadsAreAnsweredBeforeAJobExists() throws Exception {
        var badFaces = submit(freshPng(64, 204), "?faces=7");
        assertThat(badFaces.statusCode()).isEqualTo(400);
        assertThat(badFaces.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        var text = post("/jobs", "hello".getBytes(), Map.of("Content-Type", "text/plain",
                "Authorization", "Bearer " + API_KEY));
        assertThat(text.statusCode()).isEqualTo(415);
        var big = submit(new byte[400 * 1024], "");
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void aBadImageEndsAsAFailedJobCarryingTheProblemGenerateWouldAnswer() throws Exception {
        var accepted = submit(TestImages.truncatedPng(), "");
        JsonNode end = awaitEnd(json(accepted).get("id").asString(), Duration.ofSeconds(60));
        assertThat(end.get("status").asString()).isEqualTo("failed");
        var sync = postImage("/generate", TestImages.truncatedPng(), "image/png", "application/json");
        assertThat(end.get("problem").get("type").asString()).isEqualTo(json(sync).get("type").asString());
        assertThat(end.get("problem").get("status").asInt()).isEqualTo(sync.statusCode());
        assertThat(end.has("result")).isFalse();
    }

    @Test
    void aCancelledJobStaysCancelledAndCannotBeCancelledTwice() throws Exception {
        var accepted = submit(freshPng(1024, 205), "?quality=high&detail=0.5");
        String id = json(accepted).get("id").asString();
        var cancel = HTTP.send(java.net.http.HttpRequest.newBuilder(uri("/jobs/" + id)).DELETE()
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(json(cancel).get("status").asString()).isEqualTo("cancelled");
        Thread.sleep(3_000); // a running generation stops at its next stage; nothing may overwrite the cancel
        assertThat(job(id).get("status").asString()).isEqualTo("cancelled");
        assertThat(events(id)).hasSize(1).allSatisfy(e -> assertThat(e.get("status").asString())
                .isEqualTo("cancelled"));
        var again = HTTP.send(java.net.http.HttpRequest.newBuilder(uri("/jobs/" + id)).DELETE()
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asString()).isEqualTo("urn:orfeas:problem:job-finished");
    }

    @Test
    void anotherKeysJobDoesNotExist() throws Exception {
        String id = json(submit(freshPng(128, 206), "")).get("id").asString();
        Map<String, String> other = Map.of("Authorization", "Bearer " + OTHER_KEY);
        for (String path : List.of("/jobs/" + id, "/jobs/" + id + "/events")) {
            var response = get(path, other);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:not-found");
        }
        var delete = HTTP.send(java.net.http.HttpRequest.newBuilder(uri("/jobs/" + id)).DELETE()
                .header("Authorization", "Bearer " + OTHER_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(delete.statusCode()).isEqualTo(404);
        var ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + OTHER_KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/jobs/" + id + "/ws"), new WebSocket.Listener() {
                });
        assertThat(ws).failsWithin(Duration.ofSeconds(10));
        assertThat(get("/jobs/" + id, Map.of()).statusCode()).isEqualTo(401);
        awaitEnd(id, Duration.ofSeconds(60));
    }

    @Test
    void hostileJobIdsAreProblemsNeverObjectKeys() throws Exception {
        List<String> paths = List.of("/jobs/..", "/jobs/..%2F..%2Fmeshes", "/jobs/%00", "/jobs/" + "a".repeat(5000),
                "/jobs/../generate", "/jobs/%2e%2e", "/jobs/" + "A".repeat(32), "/jobs/recent%2F0",
                "/jobs/0123456789abcdef0123456789abcdeg", "/jobs/%C0%AE%C0%AE/events", "/jobs/x/ws");
        for (String path : paths) {
            RawHttp.Answer answer = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + API_KEY + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aStreamWhoseJobWaitsGetsKeepAlivesAndStillEndsWithTheResult() throws Exception {
        // one worker: the second job stays queued while the first (high quality at 1024²) runs, so its stream is quiet
        String slow = json(submit(freshPng(1024, 209), "?quality=high&detail=1")).get("id").asString();
        String waiting = json(submit(freshPng(256, 210), "?quality=draft")).get("id").asString();
        var response = HTTP.send(HttpRequest.newBuilder(uri("/jobs/" + waiting + "/events"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + API_KEY)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        List<String> lines;
        try (var stream = response.body()) {
            lines = stream.toList();
        }
        assertThat(lines).contains(":keep-alive"); // an SSE comment line
        assertThat(lines.stream().filter(line -> line.startsWith("data:")).toList().getLast())
                .contains("\"status\":\"succeeded\"");
        assertThat(awaitEnd(slow, Duration.ofSeconds(120)).get("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void aFloodOfJobsIsAnswered429WithRetryAfterAndEveryAcceptedJobEnds() throws Exception {
        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 50; i++) {
                byte[] image = freshPng(256, 1 + i);
                answers.add(pool.submit(() -> submit(image, "?quality=draft&detail=0.31")));
            }
        }
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (var answer : answers) {
            var response = answer.get();
            if (response.statusCode() == 429) {
                refused++;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(json(response).get("type").asString()).isEqualTo("urn:orfeas:problem:queue-full");
            } else {
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(json(response).get("id").asString());
            }
        }
        assertThat(refused).isPositive();
        assertThat(accepted).isNotEmpty();
        for (String id : accepted) {
            assertThat(awaitEnd(id, Duration.ofSeconds(180)).get("status").asString()).isEqualTo("succeeded");
        }
        assertThat(metric("orfeas_jobs_total", "outcome=\"rejected\"")).isGreaterThanOrEqualTo(refused);
        assertThat(scrape()).contains("orfeas_jobs_queue");
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aWebSocketClientGetsTheSameDocumentsThenANormalClose() throws Exception {
        String id = json(submit(freshPng(256, 207), "?quality=draft&detail=0.2")).get("id").asString();
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + API_KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/jobs/" + id + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(closed.get(120, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        assertThat(messages).isNotEmpty();
        JsonNode last = JSON.readTree(messages.getLast());
        assertThat(last.get("status").asString()).isEqualTo("succeeded");
        assertThat(last.get("result").get("id").asString()).isEqualTo(last.get("meshId").asString());
        assertThat(messages.stream().map(m -> JSON.readTree(m).get("progress").get("percent").asInt()).toList())
                .isSorted();
    }

    @Test
    void aWebSocketClientThatLeavesEarlyDoesNotHurtTheJob() throws Exception {
        String id = json(submit(freshPng(1024, 208), "?quality=high&detail=0.2")).get("id").asString();
        CountDownLatch first = new CountDownLatch(1);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + API_KEY)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/jobs/" + id + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        first.countDown();
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        socket.abort();
        assertThat(awaitEnd(id, Duration.ofSeconds(180)).get("status").asString()).isEqualTo("succeeded");
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void theSweepDeletesExpiredJobsAndFailsJobsNobodyRuns() throws Exception {
        String owner = "key:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        String expired = JobIds.next();
        String stale = JobIds.next();
        java.time.Instant longAgo = java.time.Instant.now().minus(Duration.ofDays(2));
        JobOptions options = new JobOptions("glb", "default", 20000, 0.0, "auto");
        JobState old = JobState.queued(expired, options, "old.png", "image/png", owner, "elsewhere", "b1", longAgo)
                .succeeded("0123456789abcdef0123456789abcdef", false, Map.of(), longAgo);
        JobState orphan = JobState.queued(stale, options, "stuck.png", "image/png", owner, "elsewhere", "b1",
                longAgo).running("elsewhere", "b1", java.time.Instant.now().minus(Duration.ofHours(1)));
        try (var s3 = testS3()) {
            for (JobState state : List.of(old, orphan)) {
                s3.putObject(b -> b.bucket("meshes").key("jobs/" + state.id() + ".json").contentType("application/json"),
                        software.amazon.awssdk.core.sync.RequestBody.fromBytes(JSON.writeValueAsBytes(state)));
            }
        }
        assertThat(getWithKey("/jobs/" + stale).statusCode()).isEqualTo(200);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (getWithKey("/jobs/" + expired).statusCode() != 404
                || !job(stale).get("status").asString().equals("failed")) {
            assertThat(java.time.Instant.now()).as("swept within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
        assertThat(job(stale).get("problem").get("type").asString()).isEqualTo("urn:orfeas:problem:job-interrupted");
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
