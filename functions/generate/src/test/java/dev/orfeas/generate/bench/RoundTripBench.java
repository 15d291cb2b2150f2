package dev.orfeas.generate.bench;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;

import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP round trip vs the engine in-process, on the same images, interleaved (image i in-process, then image i
 * over HTTP) so background load hits both sides alike. The in-process side stores nothing, so every HTTP request
 * is a cache miss: generation + S3 writes + transfer. Usage: RoundTripBench BASE_URL SALT COUNT
 */
public final class RoundTripBench {

    private static final int WARM_UP = 3;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long salt = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.0);
        try (MeshGenerator engine = new MeshGenerator(EngineSettings.defaults())) {
            engine.warmUp();
            for (int i = 0; i < WARM_UP; i++) { // JIT on this image size, both sides
                byte[] image = BenchImages.image(salt + 1, 900 + i);
                engine.generate(image, options, ProgressListener.NONE);
                HttpBench.check(HttpBench.post(base, image));
            }
            double[] local = new double[count];
            double[] http = new double[count];
            double[] ratio = new double[count];
            double[] serverEngine = new double[count];
            double[] serverStore = new double[count];
            for (int i = 0; i < count; i++) {
                byte[] image = BenchImages.image(salt, i);
                long start = System.nanoTime();
                engine.generate(image, options, ProgressListener.NONE);
                local[i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                var response = HttpBench.send(base, image);
                http[i] = (System.nanoTime() - start) / 1e6;
                HttpBench.check(response.statusCode());
                String timing = response.headers().firstValue("server-timing").orElse("");
                serverEngine[i] = dur(timing, "engine");
                serverStore[i] = dur(timing, "store") + dur(timing, "lookup");
                ratio[i] = http[i] / local[i];
            }
            System.out.printf(Locale.ROOT, "roundtrip images=%d inprocess_median_ms=%.0f http_median_ms=%.0f "
                            + "ratio_of_medians=%.2f median_ratio=%.2f server_engine_median_ms=%.0f "
                            + "server_s3_median_ms=%.0f%n  inprocess=%s%n  http=%s%n", count,
                    median(local), median(http), median(http) / median(local), median(ratio),
                    median(serverEngine), median(serverStore),
                    Arrays.toString(Arrays.stream(local).map(Math::round).toArray()),
                    Arrays.toString(Arrays.stream(http).map(Math::round).toArray()));
        }
    }

    /** The {@code dur} of one metric in a Server-Timing header, 0 when absent. */
    private static double dur(String header, String name) {
        for (String part : header.split(",")) {
            String[] fields = part.strip().split(";dur=");
            if (fields.length == 2 && fields[0].equals(name)) {
                return Double.parseDouble(fields[1]);
            }
        }
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return BenchImages.percentile(sorted, 50);
    }
}
