package dev.orfeas.mesh.foreground;

import java.util.ArrayList;
import java.util.List;

/**
 * The background's colours, estimated from the image border: up to three k-means clusters in CIELAB (a gradient or
 * a two-tone backdrop is common), keeping clusters that cover a real share of the border.
 */
final class BorderPalette {

    private static final int MAX_COLOURS = 3;
    private static final int BAND = 2;
    private static final double MIN_SHARE = 0.12;

    final List<float[]> colours;
    /** Share of border pixels within {@link #threshold} of a palette colour. */
    final double coverage;
    /** Colour distance under which a pixel counts as background. */
    final double threshold;

    private BorderPalette(List<float[]> colours, double coverage, double threshold) {
        this.colours = colours;
        this.coverage = coverage;
        this.threshold = threshold;
    }

    static BorderPalette estimate(WorkingImage img) {
        int[] border = borderPixels(img);
        float[][] centres = kMeans(img, border);
        int[] assigned = new int[centres.length];
        double[] dist = new double[border.length];
        for (int k = 0; k < border.length; k++) {
            int best = nearest(img, border[k], centres);
            assigned[best]++;
            dist[k] = img.distance(border[k], centres[best]);
        }
        List<float[]> kept = new ArrayList<>();
        for (int c = 0; c < centres.length; c++) {
            if (assigned[c] >= MIN_SHARE * border.length) {
                kept.add(centres[c]);
            }
        }
        double[] sorted = dist.clone();
        java.util.Arrays.sort(sorted);
        double typical = sorted[sorted.length / 2];
        // Noise in the backdrop widens the band; clamp so a busy border never swallows everything.
        double threshold = Math.max(8, Math.min(22, 3 * typical + 6));
        int covered = 0;
        for (int p : border) {
            if (minDistance(img, p, kept) < threshold) {
                covered++;
            }
        }
        return new BorderPalette(kept, covered / (double) border.length, threshold);
    }

    double distance(WorkingImage img, int pixel) {
        return minDistance(img, pixel, colours);
    }

    private static double minDistance(WorkingImage img, int pixel, List<float[]> colours) {
        double best = Double.MAX_VALUE;
        for (float[] c : colours) {
            best = Math.min(best, img.distance(pixel, c));
        }
        return best;
    }

    private static int[] borderPixels(WorkingImage img) {
        int w = img.width;
        int h = img.height;
        int band = Math.min(BAND, Math.min(w, h) / 2);
        List<Integer> list = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < band || y < band || x >= w - band || y >= h - band) {
                    list.add(y * w + x);
                }
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Deterministic k-means: first centre is the median colour, the next ones the farthest samples. */
    private static float[][] kMeans(WorkingImage img, int[] samples) {
        List<float[]> centres = new ArrayList<>();
        centres.add(median(img, samples));
        while (centres.size() < MAX_COLOURS) {
            int far = -1;
            double farDist = 10;
            for (int p : samples) {
                double d = minDistance(img, p, centres);
                if (d > farDist) {
                    farDist = d;
                    far = p;
                }
            }
            if (far < 0) {
                break;
            }
            centres.add(new float[] {img.lightness[far], img.greenRed[far], img.blueYellow[far]});
        }
        float[][] c = centres.toArray(new float[0][]);
        for (int iteration = 0; iteration < 8; iteration++) {
            double[][] sum = new double[c.length][3];
            int[] n = new int[c.length];
            for (int p : samples) {
                int k = nearest(img, p, c);
                sum[k][0] += img.lightness[p];
                sum[k][1] += img.greenRed[p];
                sum[k][2] += img.blueYellow[p];
                n[k]++;
            }
            for (int k = 0; k < c.length; k++) {
                if (n[k] > 0) {
                    c[k] = new float[] {(float) (sum[k][0] / n[k]), (float) (sum[k][1] / n[k]), (float) (sum[k][2] / n[k])};
                }
            }
        }
        return c;
    }

    private static int nearest(WorkingImage img, int pixel, float[][] centres) {
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        for (int k = 0; k < centres.length; k++) {
            double d = img.distance(pixel, centres[k]);
            if (d < bestDist) {
                bestDist = d;
                best = k;
            }
        }
        return best;
    }

    private static float[] median(WorkingImage img, int[] samples) {
        float[] l = new float[samples.length], a = new float[samples.length], b = new float[samples.length];
        for (int k = 0; k < samples.length; k++) {
            l[k] = img.lightness[samples[k]];
            a[k] = img.greenRed[samples[k]];
            b[k] = img.blueYellow[samples[k]];
        }
        java.util.Arrays.sort(l);
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        int mid = samples.length / 2;
        return new float[] {l[mid], a[mid], b[mid]};
    }
}
