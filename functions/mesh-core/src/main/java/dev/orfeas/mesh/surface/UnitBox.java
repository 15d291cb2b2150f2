package dev.orfeas.mesh.surface;

/**
 * Centres a surface on its bounding box and scales its longest side to 1, keeping the grid projection true.
 * Run again after simplification: optimal vertex placement may nudge a vertex past the old box.
 */
public final class UnitBox {

    private UnitBox() {
    }

    public static Surface fit(Surface surface) {
        Mesh mesh = surface.mesh();
        float[] b = mesh.bounds();
        double cx = (b[0] + b[3]) / 2;
        double cy = (b[1] + b[4]) / 2;
        double cz = (b[2] + b[5]) / 2;
        double extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        double scale = 1 / extent;
        float[] p = mesh.positions().clone();
        for (int i = 0; i < p.length; i += 3) {
            p[i] = (float) ((p[i] - cx) * scale);
            p[i + 1] = (float) ((p[i + 1] - cy) * scale);
            p[i + 2] = (float) ((p[i + 2] - cz) * scale);
        }
        GridProjection old = surface.projection();
        GridProjection projection = new GridProjection(old.scale() * scale, old.centreX() + cx / old.scale(),
                old.centreY() - cy / old.scale(), old.gridWidth(), old.gridHeight());
        return new Surface(new Mesh(p, mesh.triangles()), projection);
    }
}
