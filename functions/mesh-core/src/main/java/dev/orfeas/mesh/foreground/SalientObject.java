package dev.orfeas.mesh.foreground;

/**
 * Keeps the main object of a saliency mask: the component that is large, confidently salient and central, plus the
 * components that belong with it. A photo's model mask often also holds things around the subject — the towers
 * beside a rocket, a second cup at the edge — which would become stray pieces; but one object can also fall apart
 * into pieces at a thin part (a headphone's band between its two cups), and those pieces must stay together.
 * Pieces join the object one after another, each judged by its distance to the nearest piece already kept.
 */
final class SalientObject {

    /** A piece joins when it nearly touches the object (box gap within this share of the image diagonal) ... */
    private static final double TOUCHING_GAP_SHARE = 0.03;
    /** ... and has at least this share of the main piece's area (specks stay out) ... */
    private static final double TOUCHING_AREA_SHARE = 0.03;
    /** ... or is a large piece (this share of the main one) within this wider gap. */
    private static final double LARGE_AREA_SHARE = 0.3;
    private static final double LARGE_GAP_SHARE = 0.12;

    private SalientObject() {
    }

    record Selection(Mask mask, int kept, int dropped) {
    }

    static Selection keepMain(Mask mask, float[] saliency) {
        Components parts = Components.label(mask);
        int count = parts.areas.length - 1;
        if (count <= 1) {
            return new Selection(mask, count, 0);
        }
        int w = mask.width();
        int h = mask.height();
        double[] sum = new double[count + 1];
        double[] sumX = new double[count + 1];
        double[] sumY = new double[count + 1];
        int[][] box = new int[count + 1][];
        for (int label = 1; label <= count; label++) {
            box[label] = new int[] {w, h, -1, -1};
        }
        for (int i = 0; i < parts.labels.length; i++) {
            int label = parts.labels[i];
            if (label == 0) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            sum[label] += saliency[i];
            sumX[label] += x;
            sumY[label] += y;
            int[] b = box[label];
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        int main = 1;
        double best = -1;
        double halfDiagonal = Math.hypot(w, h) / 2;
        for (int label = 1; label <= count; label++) {
            int area = parts.areas[label];
            double dx = sumX[label] / area - (w - 1) / 2.0;
            double dy = sumY[label] / area - (h - 1) / 2.0;
            double centrality = 1 - 0.5 * Math.min(1, Math.hypot(dx, dy) / halfDiagonal);
            double score = sum[label] * centrality; // area × mean saliency × centrality
            if (score > best) {
                best = score;
                main = label;
            }
        }
        boolean[] keep = new boolean[count + 1];
        keep[main] = true;
        double diagonal = Math.hypot(w, h);
        int kept = 1;
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int label = 1; label <= count; label++) {
                if (!keep[label] && belongs(label, keep, parts.areas, box, parts.areas[main], diagonal)) {
                    keep[label] = true;
                    kept++;
                    grew = true;
                }
            }
        }
        Mask out = new Mask(w, h);
        for (int i = 0; i < parts.labels.length; i++) {
            out.cells()[i] = keep[parts.labels[i]] && parts.labels[i] != 0;
        }
        return new Selection(out, kept, count - kept);
    }

    private static boolean belongs(int label, boolean[] keep, int[] areas, int[][] box, int mainArea,
                                   double diagonal) {
        double share = areas[label] / (double) mainArea;
        for (int other = 1; other < keep.length; other++) {
            if (keep[other]) {
                double gap = boxGap(box[label], box[other]) / diagonal;
                if ((share >= TOUCHING_AREA_SHARE && gap <= TOUCHING_GAP_SHARE)
                        || (share >= LARGE_AREA_SHARE && gap <= LARGE_GAP_SHARE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double boxGap(int[] a, int[] b) {
        int dx = Math.max(0, Math.max(a[0] - b[2], b[0] - a[2]));
        int dy = Math.max(0, Math.max(a[1] - b[3], b[1] - a[3]));
        return Math.hypot(dx, dy);
    }
}
