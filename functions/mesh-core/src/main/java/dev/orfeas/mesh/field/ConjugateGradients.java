package dev.orfeas.mesh.field;

/**
 * One level of the Poisson solve: conjugate gradients for A·h = {@link PoissonSolver#SOURCE} on the interior
 * corners, A the 5-point Laplacian (4v − up − down − left − right) with h = 0 elsewhere, stopped by
 * {@link PoissonSolver}'s rule (every {@link PoissonSolver#CHECK_EVERY} steps: has any height moved by more than
 * {@code tolerance} of the tallest?). Interior corners never lie on the frame (the grid has an empty border).
 */
interface ConjugateGradients {

    /**
     * @param interior row-major w × h, true where h is unknown
     * @param guess    starting heights (row-major w × h, 0 outside the interior), or null to start from zero
     * @return h, row-major w × h, never negative, 0 outside the interior
     */
    float[] solve(boolean[] interior, float[] guess, int w, int h, float tolerance);
}
