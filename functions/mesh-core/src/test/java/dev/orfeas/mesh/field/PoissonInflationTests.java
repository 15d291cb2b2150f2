package dev.orfeas.mesh.field;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoissonInflationTests {

    private static TorchRuntime torch;

    @BeforeAll
    static void load() {
        torch = new TorchRuntime("cpu");
    }

    @AfterAll
    static void close() {
        torch.close();
    }

    static FieldGrid disc(int radius) {
        int n = 2 * radius + 6;
        boolean[] inside = new boolean[n * n];
        double c = n / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                inside[y * n + x] = Math.hypot(x + 0.5 - c, y + 0.5 - c) <= radius;
            }
        }
        float[] grey = new float[n * n];
        java.util.Arrays.fill(grey, 0.5f);
        return new FieldGrid(n, n, inside, grey, grey, grey, grey, 0, 0, 1);
    }

    /**
     * With c = 4 the continuous solution on a disc of radius R is h = R² − r², so √h is a hemisphere. The grid's
     * staircase silhouette moves the effective radius by under a cell, which near the rim changes √h by up to
     * R/z cells (≈ 1.4 cells 4 cells from the rim at R = 60); the profile must be within 3% of R.
     */
    @ParameterizedTest
    @ValueSource(strings = {"arrays", "tensors"})
    void discInflatesToAHemisphere(String kernel) {
        int radius = 60;
        FieldGrid grid = disc(radius);
        float[] h = solve(kernel, grid);
        double c = grid.width() / 2.0;
        int w = grid.cornersWide();
        double worst = 0;
        for (int y = 0; y < grid.cornersHigh(); y++) {
            for (int x = 0; x < w; x++) {
                double r = Math.hypot(x - c, y - c);
                if (r < radius - 4) {
                    double expected = Math.sqrt(radius * radius - r * r);
                    worst = Math.max(worst, Math.abs(Math.sqrt(h[y * w + x]) - expected));
                }
            }
        }
        assertThat(worst / radius).isLessThan(0.03);
        double centre = Math.sqrt(h[(int) c * w + (int) c]);
        assertThat(centre).isBetween(radius * 0.98, radius * 1.02);
    }

    private static float[] solve(String kernel, FieldGrid grid) {
        try (NDManager scope = torch.newScope()) {
            ConjugateGradients cg = kernel.equals("arrays") ? new ArrayConjugateGradients()
                    : new TensorConjugateGradients(scope);
            return PoissonSolver.solve(cg, grid);
        }
    }

    /**
     * The CPU kernel (plain arrays) and the GPU kernel (NDArrays, here on PyTorch's CPU) run the same iteration
     * and stopping rule; only float rounding differs, so their heights agree to well under a thousandth of the
     * tallest (heights are quantised to 1/1024 of a cell downstream).
     */
    @Test
    void arrayAndTensorKernelsAgree() {
        FieldGrid grid = ring(50, 18);
        float[] arrays = solve("arrays", grid);
        float[] tensors = solve("tensors", grid);
        float tallest = 0;
        float worst = 0;
        for (int i = 0; i < arrays.length; i++) {
            tallest = Math.max(tallest, tensors[i]);
            worst = Math.max(worst, Math.abs(arrays[i] - tensors[i]));
        }
        assertThat(tallest).isGreaterThan(100f);
        assertThat(worst / tallest).isLessThan(2e-4f);
    }

    /** A ring cut open on one side (a C), so the solve has thin parts and a concave outline, not only a round blob. */
    private static FieldGrid ring(int outer, int inner) {
        int n = 2 * outer + 6;
        boolean[] inside = new boolean[n * n];
        double c = n / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
                inside[y * n + x] = r <= outer && r >= inner && !(x > c && Math.abs(y + 0.5 - c) < 3);
            }
        }
        float[] grey = new float[n * n];
        java.util.Arrays.fill(grey, 0.5f);
        return new FieldGrid(n, n, inside, grey, grey, grey, grey, 0, 0, 1);
    }

    @Test
    void fieldIsZeroOnTheSilhouetteAndRimKeepsFrontAboveBack() {
        FieldGrid grid = disc(20);
        HeightField field = new InflationField(torch).compute(grid, 0.0);
        for (int i = 0; i < field.front().length; i++) {
            assertThat(field.front()[i]).isGreaterThanOrEqualTo(Heights.RIM);
            assertThat(field.back()[i]).isEqualTo(-field.front()[i]);
        }
    }

    @Test
    void sameGridGivesIdenticalHeights() {
        FieldGrid grid = disc(40);
        InflationField field = new InflationField(torch);
        assertThat(field.compute(grid, 0.3).front()).isEqualTo(field.compute(grid, 0.3).front());
    }

    @Test
    void torchScriptFixtureLoadsOfflineAndDrivesTheField() throws Exception {
        Path model = Path.of(getClass().getResource("/models/tiny-depth.pt").toURI());
        FieldGrid grid = disc(20);
        // Brighten the left half: the fixture's depth is smoothed luminance, so the left must come forward.
        int w = grid.width();
        for (int i = 0; i < grid.inside().length; i++) {
            float v = (i % w) < w / 2 ? 0.9f : 0.1f;
            grid.red()[i] = v;
        }
        try (ModelDepthField field = new ModelDepthField(torch, model, 2)) {
            HeightField heights = field.compute(grid, 0.0);
            assertThat(heights.mode()).isEqualTo(FieldMode.MODEL);
            assertThat(field.id()).startsWith("model-");
            int cw = grid.cornersWide();
            int mid = grid.cornersHigh() / 2;
            float left = heights.front(cw / 2 - 6, mid);
            float right = heights.front(cw / 2 + 6, mid);
            assertThat(left).isGreaterThan(right * 1.3f);
        }
    }

    @Test
    void unreadableModelIsAClearError() {
        assertThatThrownBy(() -> new ModelDepthField(torch, Path.of("/nonexistent/model.pt"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not readable");
    }
}
