package dev.orfeas.mesh.surface;

/**
 * How mesh coordinates relate to the surface grid: mesh = (corner − centre) × scale, with y flipped (grid rows run
 * down, mesh y runs up). Lets later stages project any vertex back onto the image (front-projected UVs).
 *
 * @param scale      mesh units per cell
 * @param centreX    grid x at the mesh origin
 * @param centreY    grid y at the mesh origin
 * @param gridWidth  cells across
 * @param gridHeight cells down
 */
public record GridProjection(double scale, double centreX, double centreY, int gridWidth, int gridHeight) {

    /** Texture u (0 at the grid's left edge) of a mesh-space x. */
    public double u(double x) {
        return (x / scale + centreX) / gridWidth;
    }

    /** Texture v (0 at the grid's top edge) of a mesh-space y. */
    public double v(double y) {
        return (centreY - y / scale) / gridHeight;
    }
}
