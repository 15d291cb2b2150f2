package dev.orfeas.mesh.quality;

import dev.orfeas.mesh.surface.Mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds vertices whose incident faces do not form one connected fan (two cones touching at a tip, or a pinched
 * corner): such a vertex makes a mesh non-manifold even when every edge has two faces.
 */
final class VertexFans {

    private VertexFans() {
    }

    static int countNonManifoldVertices(Mesh mesh) {
        int[] t = mesh.triangles();
        List<List<Integer>> facesOf = new ArrayList<>(mesh.vertexCount());
        for (int v = 0; v < mesh.vertexCount(); v++) {
            facesOf.add(new ArrayList<>(6));
        }
        for (int f = 0; f < mesh.faceCount(); f++) {
            for (int k = 0; k < 3; k++) {
                facesOf.get(t[3 * f + k]).add(f);
            }
        }
        int bad = 0;
        for (int v = 0; v < mesh.vertexCount(); v++) {
            List<Integer> faces = facesOf.get(v);
            if (!faces.isEmpty() && !isSingleFan(t, v, faces)) {
                bad++;
            }
        }
        return bad;
    }

    /** Faces around v are connected when adjacent faces share an edge through v. */
    private static boolean isSingleFan(int[] t, int v, List<Integer> faces) {
        Map<Integer, List<Integer>> facesByOtherVertex = new HashMap<>();
        for (int i = 0; i < faces.size(); i++) {
            int f = faces.get(i);
            for (int k = 0; k < 3; k++) {
                int other = t[3 * f + k];
                if (other != v) {
                    facesByOtherVertex.computeIfAbsent(other, x -> new ArrayList<>(2)).add(i);
                }
            }
        }
        int[] parent = new int[faces.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int groups = faces.size();
        for (List<Integer> sharing : facesByOtherVertex.values()) {
            for (int j = 1; j < sharing.size(); j++) {
                int a = root(parent, sharing.get(0));
                int b = root(parent, sharing.get(j));
                if (a != b) {
                    parent[a] = b;
                    groups--;
                }
            }
        }
        return groups == 1;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
