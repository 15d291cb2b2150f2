package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * {@link ConjugateGradients} on NDArrays, so a GPU does the work when the engine runs on one. All vectors live on
 * the inner (h−2)×(w−2) block; p is also kept in a zero-framed full array so its four neighbours are views — much
 * cheaper per step than a conv2d call.
 */
final class TensorConjugateGradients implements ConjugateGradients {

    private static final NDIndex INNER = new NDIndex("1:-1, 1:-1");
    private static final NDIndex UP = new NDIndex(":-2, 1:-1");
    private static final NDIndex DOWN = new NDIndex("2:, 1:-1");
    private static final NDIndex LEFT = new NDIndex("1:-1, :-2");
    private static final NDIndex RIGHT = new NDIndex("1:-1, 2:");

    private final NDManager scope;

    /** @param scope owns every array made; the caller closes it */
    TensorConjugateGradients(NDManager scope) {
        this.scope = scope;
    }

    @Override
    public float[] solve(boolean[] interior, float[] guess, int w, int h, float tolerance) {
        float[] maskValues = new float[w * h];
        for (int i = 0; i < maskValues.length; i++) {
            maskValues[i] = interior[i] ? 1f : 0f;
        }
        NDArray mask = scope.create(maskValues, new Shape(h, w)).get(INNER);
        NDArray pFull = scope.zeros(new Shape(h, w));
        NDArray x = guess == null ? scope.zeros(mask.getShape()) : scope.create(guess, new Shape(h, w)).get(INNER);
        NDArray b = mask.mul(PoissonSolver.SOURCE);
        NDArray r = b.sub(applyOperator(pFull, x, mask));
        NDArray p = r.duplicate();
        NDArray rr = r.mul(r).sum();
        NDArray checkpoint = x.duplicate();
        int maxIterations = PoissonSolver.maxIterations(w, h);
        for (int k = 1; k <= maxIterations; k++) {
            // Stop once eight steps barely move any height. Stopping matters beyond
            // speed: past convergence the residual decays into denormal floats, which the CPU handles 100× slower.
            if (k % PoissonSolver.CHECK_EVERY == 0) {
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
