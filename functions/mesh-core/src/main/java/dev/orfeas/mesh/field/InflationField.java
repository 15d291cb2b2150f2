package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDManager;

/** The built-in field: Poisson inflation of the silhouette, mirrored front to back. */
public final class InflationField implements FieldSource {

    private final TorchRuntime torch;

    public InflationField(TorchRuntime torch) {
        this.torch = torch;
    }

    @Override
    public HeightField compute(FieldGrid grid, double detail) {
        float[] h;
        try (NDManager scope = torch.newScope()) {
            h = PoissonSolver.solve(PoissonSolver.kernelFor(torch, scope), grid);
        }
        return fromPotential(grid, h, null, detail, FieldMode.INFLATE);
    }

    /**
     * Front = round profile of h, times {@code shape} per corner when given (the model's depth), plus detail;
     * back = its mirror. Shared with the model field.
     */
    static HeightField fromPotential(FieldGrid grid, float[] h, float[] shape, double detail, FieldMode mode) {
        float[] front = new float[h.length];
        float hMax = 0;
        for (float v : h) {
            hMax = Math.max(hMax, v);
        }
        float[] weight = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            front[i] = Heights.profile(h[i]) * (shape == null ? 1f : shape[i]);
            weight[i] = hMax > 0 ? (float) Math.sqrt(h[i] / hMax) : 0;
        }
        Heights.addDetail(grid, front, weight, detail);
        float[] back = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            front[i] = Heights.quantise(Math.max(front[i], Heights.RIM));
            back[i] = -front[i];
        }
        return new HeightField(grid, front, back, mode);
    }

    @Override
    public String id() {
        return "inflate-v1";
    }
}
