package dev.orfeas.mesh.quality;

/**
 * Topology and geometry facts about a mesh.
 *
 * @param boundaryEdges     edges used by exactly one face (0 for a closed mesh)
 * @param nonManifoldEdges  edges used by more than two faces
 * @param nonManifoldVertices vertices whose faces do not form a single fan
 * @param misorientedEdges  edges whose two faces traverse them in the same direction
 * @param degenerateFaces   faces with a repeated vertex or (near) zero area
 * @param components        connected pieces
 * @param eulerCharacteristic V − E + F
 * @param signedVolume      positive when faces wind outward
 */
public record MeshCheck(int boundaryEdges, int nonManifoldEdges, int nonManifoldVertices, int misorientedEdges,
                        int degenerateFaces, int components, int eulerCharacteristic, double signedVolume) {

    public boolean closed() {
        return boundaryEdges == 0 && nonManifoldEdges == 0;
    }

    public boolean manifold() {
        return nonManifoldEdges == 0 && nonManifoldVertices == 0;
    }

    public boolean oriented() {
        return misorientedEdges == 0 && signedVolume > 0;
    }

    /** Closed, manifold, outward-oriented and free of degenerate faces. */
    public boolean watertight() {
        return closed() && manifold() && oriented() && degenerateFaces == 0;
    }

    /** Total genus of a closed orientable mesh: sum over components of (2 − χᵢ)/2. */
    public int genus() {
        return (2 * components - eulerCharacteristic) / 2;
    }
}
