package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Solves ∇²h = −c on the grid's interior corners with h = 0 on the silhouette (Dirichlet), by conjugate gradients
 * on NDArrays (so a GPU does the work when the engine runs on one). With c = 4 a disc of radius R gives
 * h = R² − r², so z = √h is exactly a hemisphere: the inflation is round, not conical.
 */
final class PoissonSolver {

    static final float SOURCE = 4f;
    private static final float[] NEG_LAPLACIAN = {0, -1, 0, -1, 4, -1, 0, -1, 0};
    private static final Shape ONE = new Shape(1, 1);

    private PoissonSolver() {
    }

    /** Returns h at every corner, row-major (grid.width + 1) × (grid.height + 1); 0 outside the interior. */
    static float[] solve(NDManager scope, FieldGrid grid) {
        int w = grid.cornersWide();
        int h = grid.cornersHigh();
        float[] interior = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                interior[y * w + x] = grid.isInteriorCorner(x, y) ? 1f : 0f;
            }
        }
        Shape shape = new Shape(1, 1, h, w);
        NDArray mask = scope.create(interior, shape);
        NDArray kernel = scope.create(NEG_LAPLACIAN, new Shape(1, 1, 3, 3));
        NDArray x = scope.zeros(shape);
        NDArray r = mask.mul(SOURCE);
        NDArray p = r.duplicate();
        NDArray rr = r.mul(r).sum();
        int iterations = iterationsFor(grid);
        for (int k = 0; k < iterations; k++) {
            try (NDManager step = scope.newSubManager()) {
                x.attach(step);
                r.attach(step);
                p.attach(step);
                rr.attach(step);
                NDArray ap = Conv2d.conv2d(p, kernel, null, ONE, ONE, ONE, 1).singletonOrThrow().mul(mask);
                NDArray alpha = rr.div(p.mul(ap).sum().add(1e-20f));
                NDArray nextX = x.add(p.mul(alpha));
                NDArray nextR = r.sub(ap.mul(alpha));
                NDArray nextRr = nextR.mul(nextR).sum();
                NDArray nextP = nextR.add(p.mul(nextRr.div(rr.add(1e-20f))));
                x = nextX;
                r = nextR;
                p = nextP;
                rr = nextRr;
                for (NDArray keep : new NDArray[] {x, r, p, rr}) {
                    keep.attach(scope);
                }
            }
        }
        return x.maximum(0f).toFloatArray();
    }

    /**
     * Conjugate gradients on this operator converge in O(diameter) steps; a fixed count (not a residual test)
     * keeps the result — and so the mesh bytes — identical from run to run.
     */
    static int iterationsFor(FieldGrid grid) {
        return Math.max(32, (int) (1.5 * Math.max(grid.width(), grid.height())));
    }
}
