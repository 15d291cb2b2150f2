package dev.orfeas.mesh.export;

import dev.orfeas.mesh.ForegroundChoice;
import dev.orfeas.mesh.GenerationOptions;
import dev.orfeas.mesh.GenerationResult;
import dev.orfeas.mesh.MeshFormat;
import dev.orfeas.mesh.ProgressListener;
import dev.orfeas.mesh.Quality;
import dev.orfeas.mesh.TestEngine;
import dev.orfeas.mesh.TestImages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What README and docs/mesh-engine.md say of relief mode: a slab whose back is flat (one z for every back vertex)
 * and shows the picture mirrored (front-projected UVs: a back vertex has the UV of the front vertex at its x, y).
 */
class ReliefModeTests {

    private static ObjFile relief() {
        byte[] picture = TestImages.png(TestImages.busyPicture(200, 3));
        GenerationResult result = TestEngine.get().generate(picture,
                new GenerationOptions(MeshFormat.OBJ, Quality.DRAFT, 0, 0.5).withForeground(ForegroundChoice.NONE),
                ProgressListener.NONE);
        assertThat(result.report().mode()).isEqualTo("relief");
        return ObjFile.read(result.export().primary().bytes());
    }

    @Test
    void theBackIsFlatAndCarriesTheMirroredPicture() {
        ObjFile obj = relief();
        List<float[]> v = obj.positions();
        float minZ = Float.MAX_VALUE;
        float maxZ = -Float.MAX_VALUE;
        for (float[] p : v) {
            minZ = Math.min(minZ, p[2]);
            maxZ = Math.max(maxZ, p[2]);
        }
        float eps = (maxZ - minZ) * 1e-3f;
        int back = 0;
        for (float[] p : v) {
            if (p[2] <= minZ + eps) {
                back++;
            }
        }
        assertThat(back).as("back vertices, all at the one z of the flat back").isGreaterThan(v.size() / 10);

        // front projection: u is a linear function of x and v of y, the same for front and back vertices
        double[] uOfX = line(v, obj.uvs(), 0);
        double[] vOfY = line(v, obj.uvs(), 1);
        for (int i = 0; i < v.size(); i++) {
            float[] p = v.get(i);
            if (p[2] <= minZ + eps) {
                float[] uv = obj.uvs().get(i);
                assertThat((double) uv[0]).isCloseTo(uOfX[0] * p[0] + uOfX[1], within(1e-3));
                assertThat((double) uv[1]).isCloseTo(vOfY[0] * p[1] + vOfY[1], within(1e-3));
            }
        }
    }

    /** Least-squares slope and intercept of uv[axis] over position[axis]. */
    private static double[] line(List<float[]> positions, List<float[]> uvs, int axis) {
        double n = positions.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < positions.size(); i++) {
            double x = positions.get(i)[axis];
            double y = uvs.get(i)[axis];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {slope, (sy - slope * sx) / n};
    }
}
