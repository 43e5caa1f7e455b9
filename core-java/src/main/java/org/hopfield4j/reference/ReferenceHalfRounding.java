package org.hopfield4j.reference;

import java.util.Arrays;

/**
 * Float64 reference of the rounding of {@link org.hopfield4j.MemoryStore#toStoragePrecision}: a float32
 * value to float16 or bfloat16, from the formats' definitions only (no bit tricks). The non-negative
 * finite values of a 16-bit format, decoded as (1 + m / 2^f) · 2^(e − bias) (or m / 2^f · 2^(1 − bias)
 * for e = 0), are increasing in their encoding, so a value rounds to the nearer of its two neighbours in
 * that sorted table, a tie to the one whose encoding is even; from the largest value plus half its
 * spacing on, it does not fit.
 */
public final class ReferenceHalfRounding {
    /** A 16-bit format: fraction bits and exponent bias. */
    public enum Format {
        /** IEEE binary16. */
        FLOAT16(10, 15),
        /** bfloat16 (the upper half of a float32). */
        BFLOAT16(7, 127);

        private final double[] values;  // values[h] = the value of encoding h, for h in [0, first infinity)

        Format(int fractionBits, int bias) {
            int exponentMax = (1 << (15 - fractionBits)) - 1;
            int count = exponentMax << fractionBits;  // encodings below the all-ones exponent
            values = new double[count];
            for (int h = 0; h < count; h++) {
                int e = h >> fractionBits, m = h & ((1 << fractionBits) - 1);
                double fraction = m / (double) (1 << fractionBits);
                values[h] = e == 0 ? Math.scalb(fraction, 1 - bias) : Math.scalb(1 + fraction, e - bias);
            }
        }

        /** The largest finite value. */
        public double largest() {
            return values[values.length - 1];
        }
    }

    private ReferenceHalfRounding() {}

    /** x rounded to the nearest value of {@code format}, ties to even; NaN if x does not fit (or is not finite). */
    public static double round(Format format, float x) {
        if (!Float.isFinite(x)) return Double.NaN;
        double[] v = format.values;
        double a = Math.abs((double) x);
        double top = v[v.length - 1], spacing = top - v[v.length - 2];
        if (a >= top + spacing / 2) return Double.NaN;
        int i = Arrays.binarySearch(v, a);
        double r;
        if (i >= 0) {
            r = v[i];
        } else {
            int hi = -i - 1;  // v[hi - 1] < a < v[hi]
            if (hi == v.length) {
                r = top;
            } else {
                double below = a - v[hi - 1], above = v[hi] - a;
                r = below < above ? v[hi - 1] : above < below ? v[hi] : v[(hi - 1) % 2 == 0 ? hi - 1 : hi];
            }
        }
        return Math.copySign(r, x);
    }
}
