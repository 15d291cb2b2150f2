package dev.orfeas.mesh.bench;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.segment.Composites;
import dev.orfeas.mesh.segment.FrontSilhouette;
import dev.orfeas.mesh.segment.SegmentationSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Segmentation benchmark (not a test), run by scripts/bench-segmentation.sh:
 * {@code iou [MODEL]} — front-silhouette IoU per composite, built-in segmenter vs model, same images;
 * {@code speed MODEL THREADS RUNS} — model load, warm-up, median model stage and whole photo path at 1024² default
 * quality, and the peak RSS of this JVM.
 */
public final class SegmentationBench {

    public static void main(String[] args) throws Exception {
        Path models = Path.of(System.getProperty("orfeas.test.models"));
        if (args[0].equals("iou")) {
            iou(models.resolve(args.length > 1 ? args[1] : "isnet-fp16.onnx"));
        } else {
            speed(models.resolve(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    private static void iou(Path model) {
        try (MeshGenerator engine = new MeshGenerator(EngineSettings.defaults()
                .withSegmentationModel(model, SegmentationSettings.defaults()))) {
            System.out.println("| composite | built-in (backdrop) | model (" + model.getFileName() + ") |");
            System.out.println("|---|---|---|");
            List<Composites.Composite> all = new ArrayList<>(Composites.first(12));
            all.addAll(Composites.withDistractors());
            List<Double> builtIn = new ArrayList<>();
            List<Double> learned = new ArrayList<>();
            for (Composites.Composite composite : all) {
                double b = score(engine, composite, ForegroundChoice.BACKDROP);
                double m = score(engine, composite, ForegroundChoice.MODEL);
                boolean distractor = all.indexOf(composite) >= 12;
                if (!distractor) {
                    builtIn.add(b);
                    learned.add(m);
                }
                System.out.printf(Locale.ROOT, "| %s%s | %.3f | %.3f |%n", composite.name(),
                        distractor ? " (photo has its own subject)" : "", b, m);
            }
            System.out.printf(Locale.ROOT, "| **median of the 12** | **%.3f** | **%.3f** |%n", median(builtIn),
                    median(learned));
        }
    }

    private static double score(MeshGenerator engine, Composites.Composite composite, ForegroundChoice choice) {
        GenerationOptions options = new GenerationOptions(MeshFormat.OBJ, Quality.DEFAULT, 0, 0.0, choice);
        GenerationResult result = engine.generate(composite.jpeg(), options, ProgressListener.NONE);
        boolean[] front = FrontSilhouette.of(result.export().primary().bytes(), result.report().foreground().frame(),
                Composites.WIDTH, Composites.HEIGHT);
        return FrontSilhouette.iou(front, composite.truth());
    }

    private static void speed(Path model, int threads, int runs) throws Exception {
        long start = System.nanoTime();
        try (MeshGenerator engine = new MeshGenerator(EngineSettings.defaults()
                .withSegmentationModel(model, new SegmentationSettings(threads, false, false)))) {
            double loadMs = (System.nanoTime() - start) / 1e6;
            long warm = System.nanoTime();
            engine.warmUp();
            engine.warmUpModel();
            double warmMs = (System.nanoTime() - warm) / 1e6;
            byte[] photo = Composites.first(2).get(1).jpeg(); // 1024×768 JPEG
            List<Double> stage = new ArrayList<>();
            List<Double> total = new ArrayList<>();
            GenerationOptions options = new GenerationOptions(MeshFormat.GLB, Quality.DEFAULT, 0, 0.0);
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                GenerationResult r = engine.generate(photo, options, ProgressListener.NONE);
                total.add((System.nanoTime() - t) / 1e6);
                stage.add(r.report().timingsMs().get("foreground"));
            }
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %.0f | %.0f | %s |%n", model.getFileName(), threads, loadMs, warmMs,
                    median(stage), median(total), peakRss());
        }
    }

    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 + " MiB").findFirst()
                .orElse("?");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
