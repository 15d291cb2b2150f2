package dev.orfeas.mesh.field;

/** Test access to the sampler's well-composed rule. */
public final class GridSamplerAccess {

    private GridSamplerAccess() {
    }

    public static void makeWellComposed(FieldGrid grid) {
        GridSampler.makeWellComposed(grid.inside(), grid.width(), grid.height());
    }
}
