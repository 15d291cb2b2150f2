package dev.orfeas.generate.bench;

import dev.orfeas.generate.GenerateApplication;
import dev.orfeas.generate.engine.Engine;
import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.GenerationRequest;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP round trip vs the same function called in-process, in one JVM: starts the generate app here (against the
 * S3 endpoint its environment names), waits for the engine, then per image, interleaved (the order rotates, so
 * background load and position hit every side alike):
 * <ul>
 *   <li><b>function</b>: the "generate" function bean ({@link GenerateFunction}), applied to the
 *       {@code Message<byte[]>} {@code POST /generate} builds (GLB, default quality, image/png): engine + S3;</li>
 *   <li><b>http</b>: {@code POST /generate} over loopback to the same app (GLB bytes back): function + HTTP;</li>
 *   <li><b>engine</b>: the app's {@link Engine} alone (no storage), for where the storage time goes.</li>
 * </ul>
 * Each side gets its own variant of image i (same picture, one transparent pixel differs), so every call is a new
 * mesh (cache miss; checked). Usage: {@code RoundTripBench SALT COUNT REPORT_FILE [WARM_UP]}; the report (one
 * line of medians and the per-image values) goes to REPORT_FILE, the app's logs to stdout.
 */
public final class RoundTripBench {

    public static void main(String[] args) throws Exception {
        long salt = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        Path report = Path.of(args[2]);
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ConfigurableApplicationContext context = SpringApplication.run(GenerateApplication.class,
                "--server.port=0", "--server.address=127.0.0.1");
        int status = 1;
        try {
            Files.writeString(report, run(context, salt, count, warmUp));
            status = 0;
        } finally {
            context.close();
            System.exit(status);
        }
    }

    private static String run(ConfigurableApplicationContext context, long salt, int count, int warmUp)
            throws Exception {
        Engine engine = context.getBean(Engine.class);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (engine.state() != Engine.State.READY) {
            if (engine.state() == Engine.State.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("engine " + engine.state());
            }
            Thread.sleep(50);
        }
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        GenerateFunction function = context.getBean(GenerateFunction.class);
        // what POST /generate?quality=default with Accept: model/gltf-binary and Content-Type: image/png builds
        GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.0);

        Side[] sides = {
            image -> {
                MeshService.Outcome outcome = function.apply(
                        new GenerationRequest(image, options, null, "image/png", null));
                if (outcome.cached() || outcome.modelBytes() == null) {
                    throw new IllegalStateException("in-process call was a cache hit");
                }
                return new double[] {outcome.timingsMs().getOrDefault("engine", 0.0),
                        outcome.timingsMs().getOrDefault("store", 0.0)};
            },
            image -> {
                HttpResponse<Void> response = HttpBench.send(base, image);
                HttpBench.check(response.statusCode());
                if (!"miss".equals(response.headers().firstValue("x-cache").orElse(""))) {
                    throw new IllegalStateException("HTTP call was not a cache miss");
                }
                String timing = response.headers().firstValue("server-timing").orElse("");
                return new double[] {dur(timing, "engine"), dur(timing, "store")};
            },
            image -> {
                engine.generate(image, options, ProgressListener.NONE);
                return new double[] {0, 0};
            },
        };
        int functionSide = 0;
        int httpSide = 1;
        int engineSide = 2;

        for (int i = 0; i < warmUp; i++) { // JIT, connection pools, servlet init: every side, every position
            for (int k = 0; k < sides.length; k++) {
                int s = (i + k) % sides.length;
                sides[s].call(BenchImages.image(salt + sides.length + s, 900 + i));
            }
        }
        double[][] millis = new double[sides.length][count];
        double[][] serverEngine = new double[sides.length][count];
        double[][] serverStore = new double[sides.length][count];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < sides.length; k++) {
                int s = (i + k) % sides.length;
                byte[] image = BenchImages.image(salt + s, i);
                long start = System.nanoTime();
                double[] server = sides[s].call(image);
                millis[s][i] = (System.nanoTime() - start) / 1e6;
                serverEngine[s][i] = server[0];
                serverStore[s][i] = server[1];
            }
        }

        double[] perImage = new double[count];
        for (int i = 0; i < count; i++) {
            perImage[i] = millis[httpSide][i] / millis[functionSide][i];
        }
        double inProcess = median(millis[functionSide]);
        double http = median(millis[httpSide]);
        double bare = median(millis[engineSide]);
        return String.format(Locale.ROOT, "roundtrip images=%d warmup=%d function_median_ms=%.0f "
                        + "http_median_ms=%.0f http_over_function=%.3f median_per_image_ratio=%.3f "
                        + "http_minus_function_ms=%.0f engine_median_ms=%.0f http_over_engine=%.2f "
                        + "function_engine_ms=%.0f function_store_ms=%.0f http_engine_ms=%.0f http_store_ms=%.0f%n"
                        + "  function=%s%n  http=%s%n  engine=%s%n",
                count, warmUp, inProcess, http, http / inProcess, median(perImage), http - inProcess, bare,
                http / bare, median(serverEngine[functionSide]), median(serverStore[functionSide]),
                median(serverEngine[httpSide]), median(serverStore[httpSide]),
                rounded(millis[functionSide]), rounded(millis[httpSide]), rounded(millis[engineSide]));
    }

    /** One way of turning an image into a mesh; answers the server-side engine and store times (ms) it knows. */
    @FunctionalInterface
    private interface Side {
        double[] call(byte[] image) throws Exception;
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

    private static String rounded(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
