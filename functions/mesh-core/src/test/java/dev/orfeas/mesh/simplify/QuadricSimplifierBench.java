package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Not a test: times {@link QuadricSimplifier} on a ~131k-face relief (two height-field sheets and a side wall)
 * down to 12k faces, after JIT warm-up, and prints the median wall and thread-CPU time of seven runs (CPU time is
 * the steadier figure on a shared machine).
 */
public final class QuadricSimplifierBench {

    private static final int RUNS = 7;

    private QuadricSimplifierBench() {
    }

    public static void main(String[] args) {
        Mesh relief = TestMeshes.relief(180);
        int target = 12_000;
        for (int i = 0; i < 15; i++) {
            QuadricSimplifier.simplify(relief, target);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        Mesh out = relief;
        for (int i = 0; i < RUNS; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            out = QuadricSimplifier.simplify(relief, target);
            wall[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%d -> %d faces over %d runs: median wall %.1f ms (min %.1f, max %.1f), "
                        + "median thread CPU %.1f ms%n", relief.faceCount(), out.faceCount(), RUNS,
                wall[RUNS / 2], wall[0], wall[RUNS - 1], cpu[RUNS / 2]);
    }
}
