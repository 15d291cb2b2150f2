package dev.orfeas.mesh.field;

/**
 * {@link ConjugateGradients} in plain Java loops over the interior corners only (listed once), in floats like the
 * tensor kernel, with dot products summed in doubles in a fixed order: the same input always gives the same bits.
 */
final class ArrayConjugateGradients implements ConjugateGradients {

    @Override
    public float[] solve(boolean[] interior, float[] guess, int w, int h, float tolerance) {
        int[] cells = unknowns(interior, w, h);
        int n = cells.length;
        // x and p live on the full grid (0 off the interior) so neighbours are plain index offsets; r and A·p
        // only on the interior cells.
        float[] x = new float[w * h];
        if (guess != null) {
            for (int i : cells) {
                x[i] = guess[i];
            }
        }
        float[] p = new float[w * h];
        float[] r = new float[n];
        float[] ap = new float[n];
        float[] checkpoint = new float[n];
        double rr = 0;
        for (int k = 0; k < n; k++) {
            int i = cells[k];
            float ax = 4 * x[i] - x[i - 1] - x[i + 1] - x[i - w] - x[i + w];
            r[k] = PoissonSolver.SOURCE - ax;
            p[i] = r[k];
            rr += (double) r[k] * r[k];
            checkpoint[k] = x[i];
        }
        int maxIterations = PoissonSolver.maxIterations(w, h);
        for (int step = 1; step <= maxIterations; step++) {
            // Stopping matters beyond speed: past convergence the residual decays into denormal floats, which the
            // CPU handles 100× slower.
            if (step % PoissonSolver.CHECK_EVERY == 0 && converged(x, cells, checkpoint, tolerance)) {
                break;
            }
            double pap = 0;
            for (int k = 0; k < n; k++) {
                int i = cells[k];
                float v = 4 * p[i] - p[i - 1] - p[i + 1] - p[i - w] - p[i + w];
                ap[k] = v;
                pap += (double) p[i] * v;
            }
            float alpha = (float) (rr / (pap + 1e-30));
            double nextRr = 0;
            for (int k = 0; k < n; k++) {
                int i = cells[k];
                x[i] += alpha * p[i];
                float nr = r[k] - alpha * ap[k];
                r[k] = nr;
                nextRr += (double) nr * nr;
            }
            float beta = (float) (nextRr / (rr + 1e-30));
            for (int k = 0; k < n; k++) {
                int i = cells[k];
                p[i] = r[k] + beta * p[i];
            }
            rr = nextRr;
        }
        for (int k = 0; k < n; k++) {
            int i = cells[k];
            x[i] = Math.max(0f, x[i]);
        }
        return x;
    }

    /**
     * The interior corners off the frame, row-major. A coarse level's subsampled mask can put interior corners on
     * its frame; like the tensor kernel (which works on the inner block only) they stay 0.
     */
    private static int[] unknowns(boolean[] interior, int w, int h) {
        int[] cells = new int[interior.length];
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1, i = y * w + 1; x < w - 1; x++, i++) {
                if (interior[i]) {
                    cells[n++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(cells, n);
    }

    /** Whether no height moved by more than {@code tolerance} of the tallest since the last check; updates it. */
    private static boolean converged(float[] x, int[] cells, float[] checkpoint, float tolerance) {
        float moved = 0;
        float tallest = 0;
        for (int k = 0; k < cells.length; k++) {
            float v = x[cells[k]];
            moved = Math.max(moved, Math.abs(v - checkpoint[k]));
            tallest = Math.max(tallest, v);
            checkpoint[k] = v;
        }
        return moved <= tolerance * tallest;
    }
}
