package dev.orfeas.mesh.field;

/** Turns a silhouette grid into front and back heights. */
public interface FieldSource {

    /**
     * @param grid   the object on the surface grid
     * @param detail 0 (smooth) to 1 (strong luminance relief on the front)
     */
    HeightField compute(FieldGrid grid, double detail);

    /** Short stable name, part of the mesh id (a different model means a different mesh). */
    String id();
}
