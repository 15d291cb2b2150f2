package dev.orfeas.monitoring;

import dev.orfeas.storage.LocalS3Server;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The load test of the generate function (scripts/loadtest.sh): an open workload (a constant arrival rate, so a
 * slow server cannot hide behind fewer requests) for a bounded time, after a warm-up whose requests carry their
 * own names and are left out of the assertions. Scenarios: sync generate of fresh images (cache misses, several
 * sizes), of images already stored (cache hits), and jobs (POST /jobs of a fresh image, then GET /jobs/{id} every
 * poll-ms until it ends; measured submit → end). Without {@code orfeas.loadtest.url} it starts the app itself on the
 * embedded S3, on loopback, rate limit off. With {@code concurrency} > 0 it is a closed workload instead: that many
 * clients sending fresh images back to back (throughput at a given concurrency), misses only.
 *
 * <p>System properties ({@code -Dorfeas.loadtest.*}): url, rate (arrivals per second, all scenarios), duration
 * and warmup (seconds), hit-share and job-share (0–1), sizes (comma-separated pixel sides), p99-ms and
 * max-error-percent (the assertions that fail the run), summary (the Markdown file), max-concurrent (the started
 * app's generation slots), concurrency (closed workload), opaque-share (0–1, default 1: the share of fresh images
 * that are opaque, a disc on a white backdrop that the learned segmentation model cuts out where it is installed;
 * the others, and the stored images when it is below 1, are the disc on a transparent background, whose
 * foreground comes from the alpha channel without the model), poll-ms (a job's status poll interval, default 50;
 * through nginx the polls count against its per-client rate limit).
 */
public class GenerateSimulation extends Simulation {

    private static final String PREFIX = "orfeas.loadtest.";

    private final double rate = Double.parseDouble(property("rate", "2"));
    private final int duration = Integer.parseInt(property("duration", "30"));
    private final int warmup = Integer.parseInt(property("warmup", "5"));
    private final double hitShare = Double.parseDouble(property("hit-share", "0.3"));
    private final double jobShare = Double.parseDouble(property("job-share", "0.2"));
    private final int concurrency = Integer.parseInt(property("concurrency", "0"));
    private final double opaqueShare = Double.parseDouble(property("opaque-share", "1"));
    private final int pollMs = Integer.parseInt(property("poll-ms", "50"));
    /** Fresh images made so far: every 1/opaque-share-th one is opaque (counted, not drawn: a run always has them). */
    private final AtomicLong freshImages = new AtomicLong();
    /** Answers to requests sent before this (System.nanoTime) are the warm-up's; set when the run starts. */
    private volatile long measuredFrom = Long.MAX_VALUE;
    private final int p99Ms = Integer.parseInt(property("p99-ms", "15000"));
    private final double maxErrorPercent = Double.parseDouble(property("max-error-percent", "1"));
    private final List<Integer> sizes = Stream.of(property("sizes", "128,256,384,512").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final String baseUrl;
    private final LoadSummary summary = new LoadSummary();

    public GenerateSimulation() throws Exception {
        String url = property("url", "");
        baseUrl = url.isBlank() ? startApp() : url;
        List<byte[]> stored = new ArrayList<>();
        for (int size : sizes) {
            // made cache hits by the warm-up; with alpha-channel images in the mix, alpha too: a hit runs no model
            stored.add(opaqueShare < 1 ? Load.alphaDisc(size, 0x28_5A_A0 + size) : Load.disc(size));
        }

        HttpProtocolBuilder protocol = http.baseUrl(baseUrl).acceptHeader("model/gltf-binary")
                .contentTypeHeader("image/png").shareConnections();
        // a keyed target (the compose stack through nginx): the key from the environment, never a -D property
        String apiKey = System.getenv("LOADTEST_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            protocol = protocol.authorizationHeader("Bearer " + apiKey);
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        ScenarioBuilder warm = scenario("warm-up")
                .feed(feeder(() -> stored.get(Math.floorMod(next.getAndIncrement(), stored.size()))))
                .exec(http("warm-up").post("/generate?quality=draft").body(ByteArrayBody("#{image}"))
                        .check(status().in(200, 429)));
        // fresh images in the warm-up too, at the rate the measured phase sends them: the JIT compiles the
        // generation path before it is measured (the stored images alone are cache hits after their first answer)
        ScenarioBuilder warmMisses = scenario("warm-up (fresh)").feed(feeder(() -> fresh()))
                .exec(http("warm-up").post("/generate?quality=draft").body(ByteArrayBody("#{image}"))
                        .check(status().in(200, 429)));
        ScenarioBuilder misses = scenario("sync generate (miss)").feed(feeder(() -> fresh()))
                .exec(measured("generate miss", "miss"));
        ScenarioBuilder hits = scenario("sync generate (hit)").feed(feeder(() -> stored.get(random(stored.size()))))
                .exec(measured("generate hit", "hit"));
        ScenarioBuilder jobs = scenario("job").feed(feeder(() -> fresh())).exec(job());

        PopulationBuilder warmUp = warm.injectOpen(
                constantUsersPerSec(Math.max(1, stored.size() / (double) warmup)).during(warmup));
        Duration measuredStart = Duration.ofSeconds(warmup + 1);
        List<PopulationBuilder> load = concurrency > 0
                // closed: the clients start with the warm-up; answers before the measured phase are left out
                ? List.of(warmUp, misses.injectClosed(constantConcurrentUsers(concurrency).during(warmup + 1 + duration)))
                : List.of(warmUp,
                        warmMisses.injectOpen(constantUsersPerSec(Math.max(1, rate * (1 - hitShare))).during(warmup)),
                        misses.injectOpen(nothingFor(measuredStart),
                                constantUsersPerSec(rate * (1 - hitShare - jobShare)).during(duration)),
                        hits.injectOpen(nothingFor(measuredStart), constantUsersPerSec(rate * hitShare).during(duration)),
                        jobs.injectOpen(nothingFor(measuredStart), constantUsersPerSec(rate * jobShare).during(duration)));
        List<Assertion> assertions = new ArrayList<>(errorsAndTail("generate miss"));
        if (concurrency == 0 && hitShare > 0) {
            assertions.addAll(errorsAndTail("generate hit"));
        }
        if (concurrency == 0 && jobShare > 0) {
            assertions.addAll(errorsAndTail("job submit"));
        }
        setUp(load).protocols(protocol)
                .maxDuration(Duration.ofSeconds(warmup + duration + 120))
                .assertions(assertions);
    }

    @Override
    public void before() {
        measuredFrom = System.nanoTime() + Duration.ofSeconds(warmup + 1).toNanos();
    }

    /** The run fails on either limit; a request kind that was not sent (a share of 0) has no stats to check. */
    private List<Assertion> errorsAndTail(String request) {
        return List.of(details(request).failedRequests().percent().lte(maxErrorPercent),
                details(request).responseTime().percentile(99.0).lte(p99Ms));
    }

    /**
     * A job as a client follows it: submit (202 and its id), then its status every poll-ms until it ends (60 s at
     * most). The summary's "job" row is submit → end, failed unless it succeeded.
     */
    private ChainBuilder job() {
        return exec(session -> session.set("submitted", System.nanoTime()))
                .exec(http("job submit").post("/jobs?quality=draft").header("Accept", "application/json")
                        .body(ByteArrayBody("#{image}"))
                        .check(status().saveAs("status"), regex("urn:orfeas:problem:([a-z-]+)").optional()
                                .saveAs("problem"), status().is(202), jsonPath("$.id").saveAs("jobId")))
                .doIf(session -> !session.isFailed()).then(
                        asLongAs(session -> !ended(session) && nanosSince(session, "submitted") < 60_000_000_000L).on(
                                pause(Duration.ofMillis(pollMs))
                                        .exec(http("job status").get("/jobs/#{jobId}")
                                                .header("Accept", "application/json")
                                                .check(status().is(200), jsonPath("$.status").saveAs("jobStatus")))))
                .exec(session -> {
                    String end = session.contains("jobStatus") ? session.getString("jobStatus") : null;
                    boolean failed = session.isFailed() || !"succeeded".equals(end);
                    String problem = session.contains("problem") ? session.getString("problem")
                            : end != null && !"succeeded".equals(end) ? "job " + end : null;
                    record(session, "job", failed, session.contains("status") ? session.getInt("status") : 0,
                            nanosSince(session, "submitted") / 1_000_000, problem);
                    return session.remove("status").remove("problem").remove("jobId").remove("jobStatus")
                            .remove("submitted");
                });
    }

    private static boolean ended(Session session) {
        String status = session.contains("jobStatus") ? session.getString("jobStatus") : "";
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }

    private static long nanosSince(Session session, String key) {
        return System.nanoTime() - session.getLong(key);
    }

    /** Into the summary, unless the request was sent in the warm-up (closed workloads start with it). */
    private void record(Session session, String name, boolean failed, int status, long millis, String problem) {
        if (!session.contains("sent") || session.getLong("sent") >= measuredFrom) {
            summary.add(name, failed, status, millis, problem);
        }
    }

    /** One measured request: what it answered is saved first (the summary), then checked (the assertions). */
    private ChainBuilder measured(String name, String cache) {
        return exec(session -> session.set("sent", System.nanoTime()))
                .exec(http(name).post("/generate?quality=draft").body(ByteArrayBody("#{image}"))
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"),
                        regex("urn:orfeas:problem:([a-z-]+)").optional().saveAs("problem"),
                        status().is(200), header("X-Cache").is(cache)))
                .exec(session -> {
                    record(session, name, session.isFailed(), session.contains("status") ? session.getInt("status")
                                    : 0, session.contains("millis") ? session.getLong("millis") : 0,
                            session.contains("problem") ? session.getString("problem") : null);
                    return session.remove("status").remove("millis").remove("problem").remove("sent");
                });
    }

    @Override
    public void after() {
        try {
            String workload = concurrency > 0
                    ? String.format(Locale.ROOT, "closed workload of %d clients sending back to back", concurrency)
                    : String.format(Locale.ROOT, "open workload at %.2f arrivals/s (%.0f %% jobs, %.0f %% cache hits)",
                            rate, 100 * jobShare, 100 * hitShare);
            if (opaqueShare < 1) {
                workload += String.format(Locale.ROOT, "; %.0f %% of the fresh images opaque (segmented), the rest "
                        + "with an alpha channel", 100 * opaqueShare);
            }
            String md = summary.markdown(baseUrl, workload, duration, warmup);
            Path file = Path.of(property("summary", "target/loadtest-summary.md"));
            summary.write(file, md);
            System.out.println(md);
            System.out.println("loadtest: summary in " + file.toAbsolutePath());
        } catch (java.io.IOException e) {
            System.err.println("loadtest: cannot write the summary: " + e);
        }
        for (AutoCloseable c : started.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("loadtest: stopping " + c + ": " + e);
            }
        }
    }

    /** A picture nobody asked for yet: a size from the list, a colour of its own, opaque at opaque-share. */
    private byte[] fresh() {
        try {
            int size = sizes.get(random(sizes.size()));
            int rgb = ThreadLocalRandom.current().nextInt(1 << 24);
            long n = freshImages.incrementAndGet();
            boolean opaque = Math.floor(n * opaqueShare) > Math.floor((n - 1) * opaqueShare);
            return opaque ? Load.disc(size, rgb) : Load.alphaDisc(size, rgb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Iterator<Map<String, Object>> feeder(Supplier<byte[]> images) {
        return Stream.generate(() -> Map.<String, Object>of("image", images.get())).iterator();
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private String startApp() throws Exception {
        Path work = Files.createTempDirectory("orfeas-loadtest-");
        LocalS3Server s3 = LocalS3Server.shared();
        List<String> args = new ArrayList<>(s3.springProperties().stream().map(p -> "--" + p).toList());
        args.addAll(List.of("--orfeas.security.open=true", "--orfeas.security.rate-limit.enabled=false"));
        if (!property("max-concurrent", "").isBlank()) {
            args.add("--orfeas.generation.max-concurrent=" + property("max-concurrent", ""));
        }
        AppProcess app = AppProcess.startAsDeployed("generate", args, work);
        started.add(app);
        app.awaitReady(java.net.http.HttpClient.newHttpClient());
        System.out.println("loadtest: generate on " + app.uri("/") + " (log: " + work + "/generate.log)");
        return app.uri("").toString();
    }

    private static String property(String name, String fallback) {
        return System.getProperty(PREFIX + name, fallback);
    }
}
