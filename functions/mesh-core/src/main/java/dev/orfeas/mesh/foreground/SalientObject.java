package dev.orfeas.mesh.foreground;

/**
 * Keeps the main object of a saliency mask: the component that is large, confidently salient and central, plus the
 * components that belong with it (big enough and close by). A photo's model mask often also holds things around
 * the subject — the towers beside a rocket, a second cup at the edge — which would become stray pieces.
 */
final class SalientObject {

    /** Another component is kept when it has at least this share of the main one's area ... */
    private static final double COMPANION_AREA_SHARE = 0.15;
    /** ... and its box lies within this share of the image diagonal of the main one's box. */
    private static final double COMPANION_GAP_SHARE = 0.03;

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
        double gap = COMPANION_GAP_SHARE * Math.hypot(w, h);
        int kept = 1;
        for (int label = 1; label <= count; label++) {
            if (label != main && parts.areas[label] >= COMPANION_AREA_SHARE * parts.areas[main]
                    && boxGap(box[label], box[main]) <= gap) {
                keep[label] = true;
                kept++;
            }
        }
        Mask out = new Mask(w, h);
        for (int i = 0; i < parts.labels.length; i++) {
            out.cells()[i] = keep[parts.labels[i]] && parts.labels[i] != 0;
        }
        return new Selection(out, kept, count - kept);
    }

    private static double boxGap(int[] a, int[] b) {
        int dx = Math.max(0, Math.max(a[0] - b[2], b[0] - a[2]));
        int dy = Math.max(0, Math.max(a[1] - b[3], b[1] - a[3]));
        return Math.hypot(dx, dy);
    }
}
