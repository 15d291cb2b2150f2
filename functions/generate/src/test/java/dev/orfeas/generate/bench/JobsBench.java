package dev.orfeas.generate.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job overhead against a running app (scripts/bench-jobs.sh): for each pair, the same picture (twin images that
 * differ in one salt pixel, so both are new meshes doing the same work) once as {@code POST /generate}
 * (Accept: application/json, until the answer) and once as a job ({@code POST /jobs}, then its SSE stream until
 * the final event), in alternating order. Prints medians: sync, job end to end, their ratio (median of the
 * per-pair ratios), submit → 202, submit → first progress event (the first event naming a stage).
 * Usage: {@code BASE SALT PAIRS [IMAGE_FILE...]}: with files, pair i uses file i mod n (a salt pixel changed),
 * else the 256 px discs of {@link BenchImages}.
 */
public final class JobsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long salt = Long.parseLong(args[1]);
        int pairs = Integer.parseInt(args[2]);
        List<BufferedImage> files = new ArrayList<>();
        for (int f = 3; f < args.length; f++) {
            files.add(Objects.requireNonNull(ImageIO.read(new File(args[f])), "not an image: " + args[f]));
        }
        double[] sync = new double[pairs];
        double[] job = new double[pairs];
        double[] ratio = new double[pairs];
        double[] accepted = new double[pairs];
        double[] firstProgress = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            byte[] a = picture(files, salt, i);
            byte[] b = picture(files, salt + 1, i);
            double[] j;
            if (i % 2 == 0) {
                sync[i] = sync(base, a);
                j = job(base, b);
            } else {
                j = job(base, b);
                sync[i] = sync(base, a);
            }
            job[i] = j[0];
            accepted[i] = j[1];
            firstProgress[i] = j[2];
            ratio[i] = job[i] / sync[i];
        }
        System.out.printf(Locale.ROOT, "pairs %d: sync p50 %.1f ms, job p50 %.1f ms, job/sync p50 %.3f, "
                        + "submit→202 p50 %.1f ms, submit→first progress p50 %.1f ms (p90 %.1f)%n", pairs,
                median(sync), median(job), median(ratio), median(accepted), median(firstProgress),
                percentile(firstProgress, 90));
    }

    private static byte[] picture(List<BufferedImage> files, long salt, int index) {
        return files.isEmpty() ? BenchImages.image(salt, index)
                : BenchImages.salted(files.get(index % files.size()), salt, index);
    }

    private static double sync(String base, byte[] image) throws Exception {
        long t = System.nanoTime();
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/generate"))
                .header("Content-Type", "image/png").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("generate → " + response.statusCode() + " " + response.body());
        }
        return ms;
    }

    /** {total ms, 202 ms, first progress ms} */
    private static double[] job(String base, byte[] image) throws Exception {
        long t = System.nanoTime();
        var submitted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
        double acceptedMs = (System.nanoTime() - t) / 1e6;
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("jobs → " + submitted.statusCode() + " " + submitted.body());
        }
        Matcher m = ID.matcher(submitted.body());
        if (!m.find()) {
            throw new IllegalStateException("no job id in " + submitted.body());
        }
        var stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + m.group(1) + "/events")).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        double firstMs = Double.NaN;
        String last = "";
        try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                last = line;
                if (Double.isNaN(firstMs) && line.contains("\"stage\":\"")) {
                    firstMs = (System.nanoTime() - t) / 1e6;
                }
            }
        }
        double totalMs = (System.nanoTime() - t) / 1e6;
        if (!last.contains("\"status\":\"succeeded\"")) {
            throw new IllegalStateException("job did not succeed: " + last);
        }
        return new double[] {totalMs, acceptedMs, firstMs};
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return BenchImages.percentile(sorted, p);
    }
}
