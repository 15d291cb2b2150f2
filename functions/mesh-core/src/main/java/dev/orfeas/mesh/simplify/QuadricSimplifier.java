package dev.orfeas.mesh.simplify;

import dev.orfeas.mesh.surface.Mesh;

import java.util.Objects;

/**
 * Garland–Heckbert quadric edge collapse for closed, consistently oriented 2-manifold meshes.
 *
 * <p>Cheapest edges collapse first (an 8-ary heap; entries made stale by a later collapse are skipped by version).
 * A collapse is refused when it would change topology (link condition), shrink a component below a tetrahedron,
 * flip a surviving face, or leave a near-zero-area or sliver face, so the result stays closed, manifold,
 * outward-oriented and free of degenerate faces, with the same components and genus. Sharp edges carry a small
 * extra error so feature lines last. The same input always gives the same output.
 */
public final class QuadricSimplifier {

    private static final int S = WorkingMesh.STRIDE;

    /** Added error per squared edge length (times the mean face area): among equal errors, short edges go first. */
    private static final double LENGTH_WEIGHT = 1e-3;

    /** Stale entries are swept out once the heap holds this many entries per live face (live edges are 1.5 per face). */
    private static final int STALE_SWEEP_FACTOR = 4;

    private final WorkingMesh mesh;
    private final Quadrics quadrics;
    private final CollapseGuard guard;
    private final EdgeHeap heap;
    private final int[] version;
    private final boolean[] refused;
    private final double[] point = new double[3];
    private final double lengthWeight;

    private QuadricSimplifier(Mesh input) {
        mesh = new WorkingMesh(input);
        quadrics = new Quadrics(mesh);
        lengthWeight = LENGTH_WEIGHT * QuadricSetup.build(mesh, quadrics);
        guard = new CollapseGuard(mesh);
        version = new int[mesh.vertexCount()];
        heap = new EdgeHeap(input.triangles().length / 2 + 16, version);
        refused = new boolean[mesh.vertexCount()];
    }

    /**
     * Simplifies a closed manifold mesh to {@code targetFaces} faces, or as few above it as the constraints allow.
     *
     * @return {@code mesh} itself when it has no more than {@code targetFaces} faces, else a new compact mesh
     */
    public static Mesh simplify(Mesh mesh, int targetFaces) {
        Objects.requireNonNull(mesh, "mesh");
        if (targetFaces >= mesh.faceCount()) {
            return mesh;
        }
        QuadricSimplifier simplifier = new QuadricSimplifier(mesh);
        simplifier.queueAllEdges();
        simplifier.collapseDownTo(targetFaces);
        return MeshCompaction.compact(simplifier.mesh);
    }

    private void queueAllEdges() {
        int[] t = mesh.tri;
        for (int f = 0, faces = t.length / 3; f < faces; f++) {
            for (int k = 0; k < 3; k++) {
                int a = t[3 * f + k];
                int b = t[3 * f + (k + 1) % 3];
                if (a < b) {
                    heap.append(cost(a, b), a, b);
                }
            }
        }
        heap.heapify();
    }

    private void collapseDownTo(int targetFaces) {
        while (mesh.liveFaces() > targetFaces && !heap.isEmpty()) {
            if (heap.size() > STALE_SWEEP_FACTOR * mesh.liveFaces()) {
                heap.dropStale();
            }
            boolean current = heap.pop();
            int a = heap.poppedU;
            int b = heap.poppedV;
            if (!current || mesh.faceCount(a) == 0 || mesh.faceCount(b) == 0) {
                continue;
            }
            quadrics.place(a, b, point);
            double x = point[0], y = point[1], z = point[2];
            if (!guard.allows(a, b, x, y, z)) {
                refused[a] = true;
                refused[b] = true;
                continue;
            }
            mesh.collapse(a, b, x, y, z, guard.edgeFace0, guard.edgeFace1);
            quadrics.merge(a, b);
            version[a]++;
            version[b]++;
            refused[a] = false;
            requeueAround(a);
        }
    }

    /** Queues a's edges afresh; neighbours with refused edges get theirs retried, since their fans changed. */
    private void requeueAround(int a) {
        for (int i = 0, n = mesh.faceCount(a); i < n; i++) {
            int w = mesh.next(mesh.face(a, i), a);
            push(a, w);
            if (refused[w]) {
                refused[w] = false;
                for (int j = 0, nw = mesh.faceCount(w); j < nw; j++) {
                    int u = mesh.next(mesh.face(w, j), w);
                    if (u != a) {
                        push(w, u);
                    }
                }
            }
        }
    }

    private void push(int u, int v) {
        int a = Math.min(u, v);
        int b = Math.max(u, v);
        heap.push(cost(a, b), a, b);
    }

    private double cost(int a, int b) {
        double[] p = mesh.vd;
        double error = quadrics.place(a, b, point);
        double dx = p[S * b] - p[S * a], dy = p[S * b + 1] - p[S * a + 1], dz = p[S * b + 2] - p[S * a + 2];
        return error + lengthWeight * (dx * dx + dy * dy + dz * dz);
    }
}
