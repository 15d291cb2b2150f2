package dev.orfeas.monitoring;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic series of the platform's real metric names (Knative Serving 1.19+ autoscaler and queue-proxy, NVIDIA
 * DCGM exporter) for the Knative and GPU dashboards and rules, where no cluster and no GPU exist. Counters grow on
 * every scrape so rates are non-zero.
 */
final class PlatformExporter implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong scrapes = new AtomicLong();

    PlatformExporter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = text(scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static String text(long n) {
        String kn = "k8s_namespace_name=\"orfeas\",kn_service_name=\"generate\",kn_revision_name=\"generate-00001\"";
        String gpu = "gpu=\"0\",Hostname=\"gpu-node-1\",modelName=\"NVIDIA L4\"";
        return String.join("\n",
                "# TYPE kn_revision_pods_desired gauge", "kn_revision_pods_desired{" + kn + "} 2",
                "# TYPE kn_revision_pods_count gauge", "kn_revision_pods_count{" + kn + "} " + (1 + n % 2),
                "# TYPE kn_revision_concurrency_stable gauge", "kn_revision_concurrency_stable{" + kn + "} 1.5",
                "# TYPE kn_revision_concurrency_panic gauge", "kn_revision_concurrency_panic{" + kn + "} 2.5",
                "# TYPE kn_serving_queue_depth gauge", "kn_serving_queue_depth{" + kn + "} 3",
                "# TYPE kn_serving_invocation_duration_seconds histogram",
                "kn_serving_invocation_duration_seconds_bucket{" + kn + ",le=\"1\"} " + n,
                "kn_serving_invocation_duration_seconds_bucket{" + kn + ",le=\"5\"} " + 3 * n,
                "kn_serving_invocation_duration_seconds_bucket{" + kn + ",le=\"+Inf\"} " + 3 * n,
                "kn_serving_invocation_duration_seconds_sum{" + kn + "} " + 6 * n,
                "kn_serving_invocation_duration_seconds_count{" + kn + "} " + 3 * n,
                "# TYPE DCGM_FI_DEV_GPU_UTIL gauge", "DCGM_FI_DEV_GPU_UTIL{" + gpu + "} 63",
                "# TYPE DCGM_FI_DEV_FB_USED gauge", "DCGM_FI_DEV_FB_USED{" + gpu + "} 9000",
                "# TYPE DCGM_FI_DEV_FB_FREE gauge", "DCGM_FI_DEV_FB_FREE{" + gpu + "} 14000", "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
