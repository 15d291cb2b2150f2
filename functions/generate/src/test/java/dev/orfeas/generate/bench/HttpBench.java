package dev.orfeas.generate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP side of the benchmark, against a running app (every request a new mesh: cache misses only).
 * Usage: {@code load BASE SALT REQUESTS CONCURRENCY}: REQUESTS spread over CONCURRENCY clients; prints
 * throughput, p50, p99 and how many were refused (429).
 */
public final class HttpBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args[1];
        long salt = Long.parseLong(args[2]);
        int count = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        long t = System.nanoTime();
                        int status = post(base, BenchImages.image(salt, i));
                        if (status == 429) {
                            refused.incrementAndGet();
                            continue;
                        }
                        check(status);
                        latencies.add((System.nanoTime() - t) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "load concurrency=%d requests=%d ok=%d refused=%d seconds=%.1f "
                        + "throughput_per_s=%.2f p50_ms=%.0f p99_ms=%.0f%n", concurrency, count, sorted.length,
                refused.get(), seconds, sorted.length / seconds, BenchImages.percentile(sorted, 50),
                BenchImages.percentile(sorted, 99));
    }

    static int post(String base, byte[] image) throws Exception {
        return send(base, image).statusCode();
    }

    static HttpResponse<Void> send(String base, byte[] image) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/generate?quality=default"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "image/png")
                .header("Accept", "model/gltf-binary").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding());
    }

    static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
    }
}
