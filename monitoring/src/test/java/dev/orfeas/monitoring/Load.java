package dev.orfeas.monitoring;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A short, bounded load at a fixed arrival rate: images of several sizes (each posted more than once, so cache
 * misses and hits; some as jobs), bad input (415), an unknown path (404), listings, and the events app's endpoints. Enough for
 * every series the rules and dashboards read; a few seconds, on loopback.
 */
final class Load {

    private Load() {
    }

    static void drive(HttpClient http, AppProcess generate, AppProcess events, Duration duration) throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int size : new int[] {64, 96, 128, 160}) {
            images.add(disc(size));
        }
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        Instant end = Instant.now().plus(duration);
        long interval = 200; // ms: 5 arrivals a second, whatever the answers take
        for (int i = 0; Instant.now().isBefore(end); i++) {
            HttpRequest request = switch (i % 8) {
                case 0, 1, 2 -> post(generate, "/generate?quality=draft", images.get((i / 2) % images.size()),
                        "image/png");
                // every other one asynchronous: a job (202), run by the local queue
                case 3 -> post(generate, (i % 16 == 3 ? "/jobs" : "/generate") + "?quality=draft",
                        images.get((i / 2) % images.size()), "image/png");
                case 4 -> post(generate, "/generate", "not an image".getBytes(), "image/png");
                case 5 -> HttpRequest.newBuilder(generate.uri(i % 16 == 5 ? "/meshes?limit=2" : "/no-such-page"))
                        .timeout(Duration.ofSeconds(30)).build();
                case 6 -> HttpRequest.newBuilder(events.uri("/"))
                        .header("ce-specversion", "1.0").header("ce-id", "load-" + i).header("ce-source", "/load")
                        .header("ce-type", "dev.orfeas.load.ignored").header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                default -> i % 16 == 7 ? post(events, "/webhooks/minio", "{}".getBytes(), "application/json")
                        : post(events, "/backup", "{}".getBytes(), "application/json");
            };
            // a timed-out answer is a data point too: the load never waits on it
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).exceptionally(e -> null));
            Thread.sleep(interval);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();
    }

    private static HttpRequest post(AppProcess app, String path, byte[] body, String type) {
        return HttpRequest.newBuilder(app.uri(path)).header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A dark disc on a white backdrop: the built-in segmentation finds it, the engine inflates it. */
    static byte[] disc(int size) throws IOException {
        return disc(size, (40 + size % 50) << 16 | 90 << 8 | 160);
    }

    /** The same with the disc in this RGB colour: another colour, another mesh (a cache miss). */
    static byte[] disc(int size, int rgb) throws IOException {
        return png(size, rgb, true);
    }

    /** The disc on a transparent background: the alpha channel is the foreground, no segmentation runs. */
    static byte[] alphaDisc(int size, int rgb) throws IOException {
        return png(size, rgb, false);
    }

    private static byte[] png(int size, int rgb, boolean whiteBackdrop) throws IOException {
        BufferedImage image = new BufferedImage(size, size,
                whiteBackdrop ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        if (whiteBackdrop) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
        }
        Color c = new Color(rgb);
        // dark enough to stand out from the white backdrop
        g.setColor(new Color(c.getRed() / 2, c.getGreen() / 2, c.getBlue() / 2));
        g.fillOval(size / 6, size / 6, size * 2 / 3, size * 2 / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
