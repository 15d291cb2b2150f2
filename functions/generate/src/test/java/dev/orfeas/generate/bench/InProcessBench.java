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
 * The engine called in-process on the benchmark images (the baseline for the HTTP round trip).
 * Usage: InProcessBench SALT COUNT. Prints one line: median and each run's milliseconds.
 */
public final class InProcessBench {

    static final int WARM_UP = 3;

    public static void main(String[] args) {
        long salt = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.0);
        try (MeshGenerator engine = new MeshGenerator(EngineSettings.defaults())) {
            engine.warmUp();
            for (int i = 0; i < WARM_UP; i++) { // JIT on this image size, same as the HTTP side
                engine.generate(BenchImages.image(salt + 1, 900 + i), options, ProgressListener.NONE);
            }
            double[] ms = new double[count];
            for (int i = 0; i < count; i++) {
                byte[] image = BenchImages.image(salt, i);
                long start = System.nanoTime();
                engine.generate(image, options, ProgressListener.NONE);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "inprocess median_ms=%.1f runs=%s%n", BenchImages.percentile(sorted, 50),
                    Arrays.toString(Arrays.stream(ms).map(Math::round).toArray()));
        }
    }
}
