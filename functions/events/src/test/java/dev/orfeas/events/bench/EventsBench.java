package dev.orfeas.events.bench;

import dev.orfeas.events.support.BackupCalls;
import dev.orfeas.events.support.EventReceiver;
import dev.orfeas.events.support.EventsProcess;
import dev.orfeas.events.support.MinioPayloads;
import dev.orfeas.storage.LocalS3Server;
import dev.orfeas.storage.ObjectInfo;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.storage.ObjectWrite;
import dev.orfeas.storage.TestStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figures for docs/benchmarks.md ("Events app"), run by scripts/bench-events.sh on loopback:
 * <ul>
 * <li>{@code adapter}: MinIO webhook → CloudEvent → sink, requests per second at a fixed concurrency (one record
 * per notification, each a new object, so every request emits one event);</li>
 * <li>{@code backup}: a scheduled full backup of N small meshes (model.glb + meta.json each) into an empty backup
 * prefix, MB/s, and the incremental rerun with nothing to copy.</li>
 * </ul>
 * Settings from system properties: runs, requests, concurrency, meshes, glbKiB.
 */
public final class EventsBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "bench-" + System.nanoTime();

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        LocalS3Server s3 = LocalS3Server.startNew();
        switch (args.length > 0 ? args[0] : "all") {
            case "adapter" -> adapter(s3, runs);
            case "backup" -> backup(s3, runs);
            case "all" -> {
                adapter(s3, runs);
                backup(s3, runs);
            }
            default -> throw new IllegalArgumentException("usage: EventsBench [adapter|backup|all]");
        }
        System.exit(0);
    }

    static void adapter(LocalS3Server s3, int runs) throws Exception {
        int requests = Integer.getInteger("requests", 2000);
        int concurrency = Integer.getInteger("concurrency", 4);
        try (EventReceiver sink = new EventReceiver();
             EventsProcess app = EventsProcess.start(s3, List.of("--orfeas.events.adapter.auth-token=" + TOKEN),
                     Map.of("K_SINK", sink.uri().toString()), Files.createTempFile("bench-events-", ".log"))) {
            app.awaitReady(Duration.ofSeconds(90));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicInteger next = new AtomicInteger();
            post(http, app, next, 500, concurrency); // warm-up: JIT, connection pools
            double[] rates = new double[runs];
            for (int run = 0; run < runs; run++) {
                sink.reset();
                long start = System.nanoTime();
                post(http, app, next, requests, concurrency);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (sink.received().size() != requests) {
                    throw new IllegalStateException("sink got " + sink.received().size() + " of " + requests);
                }
                rates[run] = requests / seconds;
                System.out.printf("adapter run %d: %d notifications at concurrency %d in %.2f s = %.0f events/s%n",
                        run + 1, requests, concurrency, seconds, rates[run]);
            }
            System.out.printf("ADAPTER events/s at concurrency %d (median of %d runs of %d): %.0f (range %.0f–%.0f)%n",
                    concurrency, runs, requests, median(rates), min(rates), max(rates));
        }
    }

    private static void post(HttpClient http, EventsProcess app, AtomicInteger next, int count, int concurrency)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> done = new ArrayList<>();
            AtomicInteger left = new AtomicInteger(count);
            for (int t = 0; t < concurrency; t++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        int n = next.incrementAndGet();
                        String body = MinioPayloads.body(MinioPayloads.record("s3:ObjectCreated:Put", "uploads",
                                "bench/photo-" + n + ".jpg", Integer.toHexString(n)));
                        var response = http.send(HttpRequest.newBuilder(app.base().resolve("/webhooks/minio"))
                                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("webhook answered " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    static void backup(LocalS3Server s3, int runs) throws Exception {
        int meshes = Integer.getInteger("meshes", 1000);
        int glbBytes = Integer.getInteger("glbKiB", 64) * 1024;
        try (TestStore fixture = s3.openStore("meshes", "backups");
             EventsProcess app = EventsProcess.start(s3, List.of(), Map.of(),
                     Files.createTempFile("bench-events-", ".log"))) {
            ObjectStore store = fixture.store();
            seed(store, meshes, glbBytes);
            app.awaitReady(Duration.ofSeconds(90));
            BackupCalls calls = new BackupCalls(app.base());
            data(calls.ping("bench-warm-up")); // warm-up (JIT, connection pools), not counted
            double[] rates = new double[runs];
            double[] reruns = new double[runs];
            for (int run = 0; run < runs; run++) {
                store.delete("backups", store.listAll("backups", "").stream().map(ObjectInfo::key).toList());
                long start = System.nanoTime();
                JsonNode full = data(calls.ping("bench-full-" + run));
                double seconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                JsonNode rerun = data(calls.ping("bench-rerun-" + run));
                reruns[run] = (System.nanoTime() - start) / 1e9;
                if (full.get("copied").asInt() != 2 * meshes || rerun.get("copied").asInt() != 0) {
                    throw new IllegalStateException("unexpected backup result " + full + " / " + rerun);
                }
                double mb = full.get("bytes").asLong() / 1e6;
                rates[run] = mb / seconds;
                System.out.printf("backup run %d: %d objects, %.1f MB in %.2f s = %.1f MB/s (%.0f objects/s); "
                        + "incremental rerun %.2f s%n", run + 1, 2 * meshes, mb, seconds, rates[run],
                        2 * meshes / seconds, reruns[run]);
            }
            System.out.printf("BACKUP MB/s for %d meshes of %d KiB + meta (median of %d runs): %.1f (range %.1f–%.1f); "
                    + "incremental rerun median %.2f s%n", meshes, glbBytes / 1024, runs, median(rates), min(rates),
                    max(rates), median(reruns));
        }
    }

    private static void seed(ObjectStore store, int meshes, int glbBytes) throws Exception {
        Random random = new Random(42);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < meshes; i++) {
                byte[] glb = new byte[glbBytes];
                random.nextBytes(glb);
                String id = String.format("%064x", i);
                done.add(pool.submit(() -> {
                    store.put("meshes", ObjectWrite.of(id + "/model.glb", glb, "model/gltf-binary"));
                    store.put("meshes", ObjectWrite.of(id + "/meta.json",
                            ("{\"id\":\"" + id + "\",\"faces\":20000}").getBytes(), "application/json"));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static JsonNode data(HttpResponse<byte[]> response) {
        return JSON.readTree(BackupCalls.reply(response).getData().toBytes());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
