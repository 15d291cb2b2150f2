package dev.orfeas.mesh.export;

import java.util.Locale;

/**
 * Compact, locale-independent decimal text for OBJ: at most six decimals, trailing zeros dropped, never an exponent
 * ({@code 0.5}, {@code -1}, {@code 0.000123}). Appends without allocating, which matters for half a million faces.
 */
final class Decimals {

    private static final double SCALE = 1e6;
    private static final int PLACES = 6;
    /** Beyond this a value no longer fits the scaled long: rare enough to take the slow path. */
    private static final double FAST_LIMIT = 1e12;

    private Decimals() {
    }

    static StringBuilder append(StringBuilder out, double value) {
        if (!(Math.abs(value) < FAST_LIMIT)) {
            return out.append(String.format(Locale.ROOT, "%.6f", value));
        }
        long scaled = Math.round(value * SCALE);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        long whole = scaled / (long) SCALE;
        long fraction = scaled % (long) SCALE;
        out.append(whole);
        if (fraction == 0) {
            return out;
        }
        int digits = PLACES;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        out.append('.');
        for (long divisor = pow10(digits - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + fraction / divisor % 10));
        }
        return out;
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
