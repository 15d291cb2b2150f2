package dev.orfeas.mesh.bench;

import dev.orfeas.mesh.EngineSettings;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.MeshGenerator;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bench command (not a test): median per-stage and total milliseconds (wall clock; CPU time of the generating
 * thread; CPU time of the whole process, which adds the texture baker thread, GC and JIT) of in-process generation
 * over several runs,
 * for the {@link BenchImages} (a real photo, real alpha artwork, a synthetic object on a backdrop) at each quality,
 * plus peak heap. {@link #WARM_UP_RUNS} untimed runs per case first (warm-up excluded); the learned segmentation model is not loaded
 * (the CPU stages are measured).
 * Run: scripts/bench-engine.sh [runs] [filter...]
 */
public final class PipelineBench {

    /**
     * Untimed runs per case: C2 compiles the hot paths over the first ~10 generations of a JVM. With 2, a 1024²
     * photo measured 176 ms wall for 350 ms of process CPU (the JIT's threads on the other core); with 40 runs of
     * the same case, 101 ms for 160 ms.
     */
    private static final int WARM_UP_RUNS = 12;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        // Optional filters: only the input/quality pairs whose label ("alpha-1024.png/default") contains one.
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Map<String, byte[]> inputs = BenchImages.all();
        System.out.printf(Locale.ROOT, "concurrency %d%n", CONCURRENCY);
        System.out.printf(Locale.ROOT, "%-17s %-7s %6s %7s %7s %7s  %s%n", "input", "quality", "faces", "wall ms",
                "cpu ms", "all cpu", "per stage: median wall/cpu ms");
        try (MeshGenerator engine = new MeshGenerator(EngineSettings.defaults())) {
            engine.warmUp();
            for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
                for (Quality quality : Quality.values()) {
                    String label = input.getKey() + "/" + quality.name().toLowerCase(Locale.ROOT);
                    if (!only.isEmpty() && only.stream().noneMatch(label::contains)) {
                        continue;
                    }
                    GenerationOptions options = new GenerationOptions(MeshFormat.GLB, quality, 0, 0.0);
                    for (int i = 0; i < WARM_UP_RUNS; i++) {
                        engine.generate(input.getValue(), options, ProgressListener.NONE);
                    }
                    List<Double> totals = Collections.synchronizedList(new ArrayList<>());
                    List<Double> cpuTotals = Collections.synchronizedList(new ArrayList<>());
                    List<Double> processCpu = Collections.synchronizedList(new ArrayList<>());
                    Map<String, List<Double>> stages = new ConcurrentHashMap<>();
                    Map<String, List<Double>> cpuStages = new ConcurrentHashMap<>();
                    AtomicInteger faces = new AtomicInteger();
                    Runnable series = () -> {
                        for (int i = 0; i < runs; i++) {
                            StageCpu cpu = new StageCpu();
                            long processStart = PROCESS.getProcessCpuTime();
                            long start = System.nanoTime();
                            GenerationResult result = engine.generate(input.getValue(), options, cpu);
                            totals.add((System.nanoTime() - start) / 1e6);
                            processCpu.add((PROCESS.getProcessCpuTime() - processStart) / 1e6 / CONCURRENCY);
                            cpuTotals.add(cpu.sinceStart());
                            faces.set(result.report().faces());
                            result.report().timingsMs().forEach((k, v) -> stages.computeIfAbsent(k,
                                    x -> Collections.synchronizedList(new ArrayList<>())).add(v));
                            cpu.millis.forEach((k, v) -> cpuStages.computeIfAbsent(k,
                                    x -> Collections.synchronizedList(new ArrayList<>())).add(v));
                        }
                    };
                    // CONCURRENCY generations at once, each its own series of runs (bench.concurrency, default 1)
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < CONCURRENCY; t++) {
                        threads.add(Thread.ofPlatform().name("bench-" + t).start(series));
                    }
                    for (Thread thread : threads) {
                        try {
                            thread.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    StringBuilder perStage = new StringBuilder();
                    Map<String, List<Double>> inOrder = new TreeMap<>(Comparator.comparingInt(PipelineBench::stageOrder));
                    inOrder.putAll(stages);
                    inOrder.forEach((k, v) -> perStage.append(String.format(Locale.ROOT, "%s=%.1f/%.1f ", k, median(v),
                            median(cpuStages.getOrDefault(k, List.of(Double.NaN))))));
                    System.out.printf(Locale.ROOT, "%-17s %-7s %6d %7.1f %7.1f %7.1f  %s%n", input.getKey(),
                            quality.name().toLowerCase(Locale.ROOT), faces.get(), median(totals), median(cpuTotals),
                            median(processCpu), perStage.toString().trim());
                }
            }
        }
        System.out.printf(Locale.ROOT, "peak heap used: %.0f MiB (max heap %d MiB)%n", peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Generations at once (-Dbench.concurrency, scripts/bench-engine.sh's CONCURRENCY): 1 or the cores. */
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 1);

    private static int stageOrder(String label) {
        for (Stage stage : Stage.values()) {
            if (stage.label().equals(label)) {
                return stage.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** CPU time of the whole process (per generation: divided by the concurrency), the baker, GC and the JIT. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * CPU time of the generating thread per stage (read when each stage reports done). On a machine shared with
     * other work, wall time measures the neighbours too; the thread's CPU time is what this code costs.
     */
    private static final class StageCpu implements ProgressListener {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long start = THREADS.getCurrentThreadCpuTime();
        private long last = start;
        final Map<String, Double> millis = new LinkedHashMap<>();

        @Override
        public void stageDone(Stage stage, double wallMillis) {
            long now = THREADS.getCurrentThreadCpuTime();
            millis.put(stage.label(), (now - last) / 1e6);
            last = now;
        }

        double sinceStart() {
            return (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }
}
