package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

import java.util.Arrays;

/**
 * Not a test: times {@link QuadricSimplifier} on a ~131k-face relief (two height-field sheets and a side wall)
 * down to 12k faces, after JIT warm-up, and prints the median of seven runs.
 */
public final class QuadricSimplifierBench {

    private QuadricSimplifierBench() {
    }

    public static void main(String[] args) {
        Mesh relief = TestMeshes.relief(180);
        int target = 12_000;
        for (int i = 0; i < 10; i++) {
            QuadricSimplifier.simplify(relief, target);
        }
        double[] ms = new double[7];
        Mesh out = null;
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            out = QuadricSimplifier.simplify(relief, target);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%d -> %d faces: median %.1f ms (min %.1f, max %.1f) over %d runs%n",
                relief.faceCount(), out.faceCount(), ms[ms.length / 2], ms[0], ms[ms.length - 1], ms.length);
    }
}
