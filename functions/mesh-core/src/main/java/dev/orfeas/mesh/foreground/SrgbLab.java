package dev.orfeas.mesh.foreground;

/** sRGB → CIELAB (D65), the perceptual space the segmentation measures colour distance in. */
final class SrgbLab {

    /** 8-bit sRGB → linear light. */
    static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    private SrgbLab() {
    }

    static void toLab(double r, double g, double b, WorkingImage out, int i) {
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        out.lightness[i] = (float) (116 * fy - 16);
        out.greenRed[i] = (float) (500 * (fx - fy));
        out.blueYellow[i] = (float) (200 * (fy - fz));
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
