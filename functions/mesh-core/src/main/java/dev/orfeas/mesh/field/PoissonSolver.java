package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDManager;

/**
 * Solves ∇²h = −c on the grid's interior corners with h = 0 on the silhouette (Dirichlet). With c = 4 a disc of
 * radius R gives h = R² − r², so z = √h is exactly a hemisphere: the inflation is round, not conical.
 *
 * <p>Conjugate gradients, coarse to fine: each level starts from the next coarser level's solution, so the fine
 * level only has to fix detail near the silhouette. Each level runs on a {@link ConjugateGradients} kernel: plain
 * arrays on a CPU, NDArrays on a GPU (see {@link #kernelFor}).
 */
final class PoissonSolver {

    static final float SOURCE = 4f;
    /** Converged when {@link #CHECK_EVERY} steps change no height by more than this share of the tallest. */
    static final float STEP_TOLERANCE = 1e-3f;
    /** Coarse levels only seed the next one, which corrects them: a looser stop is enough. */
    static final float COARSE_STEP_TOLERANCE = 3e-3f;
    /** Steps between convergence checks (on a GPU each check costs a device sync). */
    static final int CHECK_EVERY = 8;
    /** Below this many corners across, a level is solved from zero. */
    private static final int COARSEST = 24;

    private PoissonSolver() {
    }

    /** Most steps a level of w × h corners gets; CG on n unknowns needs far fewer than n when seeded. */
    static int maxIterations(int w, int h) {
        return Math.max(32, 2 * Math.max(w, h));
    }

    /**
     * The kernel for the engine's device. On a CPU the NDArray kernel pays a JNI call and a native allocation per
     * vector operation on arrays of a few thousand floats — most of the field stage's time (JFR: JniUtils.mul/sub/add);
     * plain loops over the same floats are several times faster. On a GPU the NDArray kernel keeps the work there.
     */
    static ConjugateGradients kernelFor(TorchRuntime torch, NDManager scope) {
        return torch.device().isGpu() ? new TensorConjugateGradients(scope) : new ArrayConjugateGradients();
    }

    /** Returns h at every corner, row-major (grid.width + 1) × (grid.height + 1); 0 outside the interior. */
    static float[] solve(ConjugateGradients kernel, FieldGrid grid) {
        int w = grid.cornersWide();
        int h = grid.cornersHigh();
        boolean[] interior = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                interior[y * w + x] = grid.isInteriorCorner(x, y);
            }
        }
        return solveLevel(kernel, interior, w, h, STEP_TOLERANCE);
    }

    private static float[] solveLevel(ConjugateGradients kernel, boolean[] interior, int w, int h, float tolerance) {
        float[] guess = null;
        if (Math.max(w, h) > COARSEST) {
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            boolean[] coarse = new boolean[cw * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    coarse[y * cw + x] = interior[2 * y * w + 2 * x];
                }
            }
            guess = prolong(solveLevel(kernel, coarse, cw, ch, COARSE_STEP_TOLERANCE), cw, ch, interior, w, h);
        }
        return kernel.solve(interior, guess, w, h, tolerance);
    }

    /** Bilinear upsampling of a coarse solution; h scales with length², so coarse values count 4×. */
    private static float[] prolong(float[] coarse, int cw, int ch, boolean[] interior, int w, int h) {
        float[] fine = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!interior[y * w + x]) {
                    continue;
                }
                int x0 = x / 2, y0 = y / 2;
                int x1 = Math.min(cw - 1, x0 + (x & 1));
                int y1 = Math.min(ch - 1, y0 + (y & 1));
                float v = coarse[y0 * cw + x0] + coarse[y0 * cw + x1] + coarse[y1 * cw + x0] + coarse[y1 * cw + x1];
                fine[y * w + x] = v;
            }
        }
        return fine;
    }
}
