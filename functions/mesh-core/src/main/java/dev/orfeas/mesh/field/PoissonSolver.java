package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Solves ∇²h = −c on the grid's interior corners with h = 0 on the silhouette (Dirichlet). With c = 4 a disc of
 * radius R gives h = R² − r², so z = √h is exactly a hemisphere: the inflation is round, not conical.
 *
 * <p>Conjugate gradients on NDArrays (a GPU does the work when the engine runs on one), coarse to fine: each level
 * starts from the next coarser level's solution, so the fine level only has to fix detail near the silhouette.
 * The 5-point Laplacian is four shifted views of a zero-framed array — much cheaper per step than a conv2d call.
 */
final class PoissonSolver {

    static final float SOURCE = 4f;
    /** Converged when eight steps change no height by more than this share of the tallest. */
    private static final float STEP_TOLERANCE = 1e-3f;
    /** Coarse levels only seed the next one, which corrects them: a looser stop is enough. */
    private static final float COARSE_STEP_TOLERANCE = 3e-3f;
    /** Host checks cost a device sync, so only every few steps. */
    private static final int CHECK_EVERY = 8;
    /** Below this many corners across, a level is solved from zero. */
    private static final int COARSEST = 24;

    private static final NDIndex INNER = new NDIndex("1:-1, 1:-1");
    private static final NDIndex UP = new NDIndex(":-2, 1:-1");
    private static final NDIndex DOWN = new NDIndex("2:, 1:-1");
    private static final NDIndex LEFT = new NDIndex("1:-1, :-2");
    private static final NDIndex RIGHT = new NDIndex("1:-1, 2:");

    private PoissonSolver() {
    }

    /** Returns h at every corner, row-major (grid.width + 1) × (grid.height + 1); 0 outside the interior. */
    static float[] solve(NDManager scope, FieldGrid grid) {
        int w = grid.cornersWide();
        int h = grid.cornersHigh();
        boolean[] interior = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                interior[y * w + x] = grid.isInteriorCorner(x, y);
            }
        }
        return solveLevel(scope, interior, w, h, STEP_TOLERANCE);
    }

    private static float[] solveLevel(NDManager scope, boolean[] interior, int w, int h, float tolerance) {
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
            guess = prolong(solveLevel(scope, coarse, cw, ch, COARSE_STEP_TOLERANCE), cw, ch, interior, w, h);
        }
        return conjugateGradients(scope, interior, guess, w, h, tolerance);
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

    /**
     * All vectors live on the inner (h−2)×(w−2) block; p is also kept in a zero-framed full array so its four
     * neighbours are views. Interior corners never lie on the frame (the grid has an empty one-cell border).
     */
    private static float[] conjugateGradients(NDManager scope, boolean[] interior, float[] guess, int w, int h,
                                              float tolerance) {
        float[] maskValues = new float[w * h];
        for (int i = 0; i < maskValues.length; i++) {
            maskValues[i] = interior[i] ? 1f : 0f;
        }
        NDArray mask = scope.create(maskValues, new Shape(h, w)).get(INNER);
        NDArray pFull = scope.zeros(new Shape(h, w));
        NDArray x = guess == null ? scope.zeros(mask.getShape()) : scope.create(guess, new Shape(h, w)).get(INNER);
        NDArray b = mask.mul(SOURCE);
        NDArray r = b.sub(applyOperator(pFull, x, mask));
        NDArray p = r.duplicate();
        NDArray rr = r.mul(r).sum();
        NDArray checkpoint = x.duplicate();
        int maxIterations = Math.max(32, 2 * Math.max(w, h));
        for (int k = 1; k <= maxIterations; k++) {
            // Stop once eight steps barely move any height. Stopping matters beyond
            // speed: past convergence the residual decays into denormal floats, which the CPU handles 100× slower.
            if (k % CHECK_EVERY == 0) {
                float moved = x.sub(checkpoint).abs().max().getFloat();
                float tallest = x.max().getFloat();
                checkpoint.close();
                checkpoint = x.duplicate();
                if (moved <= tolerance * tallest) {
                    break;
                }
            }
            try (NDManager step = scope.newSubManager()) {
                for (NDArray old : new NDArray[] {x, r, p, rr}) {
                    old.attach(step);
                }
                NDArray ap = applyOperator(pFull, p, mask);
                NDArray alpha = rr.div(p.mul(ap).sum().add(1e-30f));
                NDArray nextX = x.add(p.mul(alpha));
                NDArray nextR = r.sub(ap.mul(alpha));
                NDArray nextRr = nextR.mul(nextR).sum();
                NDArray nextP = nextR.add(p.mul(nextRr.div(rr.add(1e-30f))));
                x = nextX;
                r = nextR;
                p = nextP;
                rr = nextRr;
                for (NDArray keep : new NDArray[] {x, r, p, rr}) {
                    keep.attach(scope);
                }
            }
        }
        pFull.set(INNER, x.maximum(0f));
        return pFull.toFloatArray();
    }

    /** A·v = mask ⊙ (4v − up − down − left − right), using {@code full} as the zero-framed scratch copy of v. */
    private static NDArray applyOperator(NDArray full, NDArray inner, NDArray mask) {
        full.set(INNER, inner);
        NDArray neighbours = full.get(UP).add(full.get(DOWN)).add(full.get(LEFT)).add(full.get(RIGHT));
        return inner.mul(4f).sub(neighbours).mul(mask);
    }
}
