package dev.orfeas.mesh.surface;

/** A closed mesh built from a height field, and the projection back onto the image grid. */
public record Surface(Mesh mesh, GridProjection projection) {
}
