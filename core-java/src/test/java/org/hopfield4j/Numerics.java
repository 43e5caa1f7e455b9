package org.hopfield4j;

import static org.hopfield4j.reference.ReferenceSeparation.toDouble;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Assertions and generators shared by the separation tests (JUnit and kotest). */
public final class Numerics {
    private Numerics() {}

    public static final double F64_TOL = 1e-12;
    public static final double F32_TOL = 1e-6;

    /** |actual − expected| ≤ tol · max(1, |expected|) element-wise; the message names row and column. */
    public static void assertClose(double[] expected, double[] actual, int n, double tol, String what) {
        double[] rowTol = new double[expected.length / Math.max(1, n)];
        Arrays.fill(rowTol, tol);
        assertClose(expected, actual, n, rowTol, what);
    }

    /** As {@link #assertClose(double[], double[], int, double, String)} with one tolerance per row. */
    public static void assertClose(double[] expected, double[] actual, int n, double[] rowTol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i], tol = rowTol[i / n];
            if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
                fail(what + ": at row " + (i / n) + ", column " + (i % n) + ": expected " + e + " but was " + a
                        + " (|diff| = " + Math.abs(a - e) + ", tol " + tol + ")");
            }
        }
    }

    /** The per-row tolerance {@code base} plus what one ulp of τ may cost each row ({@link #tauConditioningRows}). */
    public static double[] rowTolerances(double base, double[] p, int rows, int n, double alpha) {
        double[] tol = tauConditioningRows(p, rows, n, alpha);
        for (int r = 0; r < rows; r++) tol[r] = base + 16 * ULP1 * tol[r];
        return tol;
    }

    public static void assertClose(float[] expected, float[] actual, int n, double tol, String what) {
        assertClose(toDouble(expected), toDouble(actual), n, tol, what);
    }

    public static void assertClose(float[] expected, float[] actual, int n, double[] rowTol, String what) {
        assertClose(toDouble(expected), toDouble(actual), n, rowTol, what);
    }

    /**
     * Each row is a distribution: entries in [0, 1], summing to 1 within {@code tol} (or all zeros
     * where {@code allMasked[r]}), and {@code support[r]} equals the number of entries &gt; 0.
     */
    public static void assertDistributions(double[] p, int[] support, boolean[] allMasked, int rows, int n,
                                           double tol, String what) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            int count = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (!(p[i] >= 0 && p[i] <= 1)) fail(what + ": p[" + i + "] = " + p[i] + " not in [0, 1]");
                sum += p[i];
                if (p[i] > 0) count++;
            }
            if (allMasked != null && allMasked[r]) {
                assertEquals(0.0, sum, 0.0, what + ": all-masked row " + r + " must be zeros");
            } else {
                assertEquals(1.0, sum, tol, what + ": row " + r + " must sum to 1");
            }
            if (support != null) assertEquals(count, support[r], what + ": support of row " + r);
        }
    }

    public static void assertDistributions(float[] p, int[] support, boolean[] allMasked, int rows, int n,
                                           double tol, String what) {
        assertDistributions(toDouble(p), support, allMasked, rows, n, tol, what);
    }

    /** Rows of a row-major batch whose every entry is masked (mask false or score −∞). */
    public static boolean[] allMaskedRows(double[] z, boolean[] mask, int rows, int n) {
        boolean[] out = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            boolean all = true;
            for (int i = r * n; i < (r + 1) * n; i++) {
                if ((mask == null || mask[i]) && z[i] != Double.NEGATIVE_INFINITY) all = false;
            }
            out[r] = all;
        }
        return out;
    }

    public static boolean[] allMaskedRows(float[] z, boolean[] mask, int rows, int n) {
        return allMaskedRows(toDouble(z), mask, rows, n);
    }

    /**
     * The optimality (KKT) conditions of α-entmax, an oracle independent of any algorithm: with
     * x = β z, on the support (α−1) x_i − p_i^{α−1} is one constant τ; off it, (α−1) x_i ≤ τ. For
     * α = 1 (softmax) the constant is x_i − log p_i and every live entry is in the support.
     * Returns the largest violation of a row, in units of (α−1)·x (shifted by the row maximum).
     */
    public static double kktViolation(double[] z, boolean[] mask, double[] p, int rows, int n, double beta,
                                      double alpha) {
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = r * n; i < (r + 1) * n; i++) if (live(z, mask, i)) max = Math.max(max, beta * z[i]);
            if (max == Double.NEGATIVE_INFINITY) continue;
            double tauMin = Double.POSITIVE_INFINITY, tauMax = Double.NEGATIVE_INFINITY;
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (!live(z, mask, i) || !(p[i] > 0)) continue;
                if (alpha == 1 && p[i] < 1e-300) continue;     // log of a subnormal has no precision left
                double x = beta * z[i] - max;
                double tau = alpha == 1 ? x - Math.log(p[i]) : (alpha - 1) * x - Math.pow(p[i], alpha - 1);
                tauMin = Math.min(tauMin, tau);
                tauMax = Math.max(tauMax, tau);
            }
            worst = Math.max(worst, tauMax - tauMin);
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (!live(z, mask, i) || p[i] > 0) continue;
                double x = beta * z[i] - max;
                if (alpha == 1) {                               // softmax: a zero only where exp underflows
                    if (x > -700) return Double.POSITIVE_INFINITY;
                    continue;
                }
                worst = Math.max(worst, (alpha - 1) * x - tauMax);
            }
        }
        return worst;
    }

    /**
     * How much one rounding of the threshold τ moves p in a τ-based α-entmax (a root finder, the
     * bisection reference): p_i = t_i^{1/(α−1)} with t_i = (α−1) x_i − τ gives
     * ∂p_i/∂τ = −p_i^{2−α}/(α−1), so an error of one ulp in τ moves p_i by about ulp · p_i^{2−α}/(α−1),
     * and the renormalisation spreads the sum of those over the row. Returns the largest over rows of
     * Σ_{p_i &gt; 0} p_i^{2−α} / (α−1): small for α ≤ 2, large for α &gt; 2 when a support entry is tiny
     * (p_i^{2−α} = p_i^{−5} at α = 7), and large as α → 1. 0 for α ≤ 1 (softmax, no τ).
     */
    public static double tauConditioning(double[] p, int rows, int n, double alpha) {
        return Arrays.stream(tauConditioningRows(p, rows, n, alpha)).max().orElse(0);
    }

    /**
     * {@link #tauConditioning} row by row, so that a fragile row does not loosen the tolerance of every
     * other row of its batch (issue #19).
     */
    public static double[] tauConditioningRows(double[] p, int rows, int n, double alpha) {
        double[] out = new double[rows];
        if (!(alpha > 1)) return out;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = r * n; i < (r + 1) * n; i++) if (p[i] > 0) s += Math.pow(p[i], 2 - alpha);
            out[r] = s / (alpha - 1);
        }
        return out;
    }

    public static final double ULP1 = Math.ulp(1.0);

    private static boolean live(double[] z, boolean[] mask, int i) {
        return (mask == null || mask[i]) && z[i] != Double.NEGATIVE_INFINITY;
    }

    // ---------------------------------------------------------------- generators

    public static double[] uniform(SplittableRandom rnd, int size, double lo, double hi) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) a[i] = lo + (hi - lo) * rnd.nextDouble();
        return a;
    }

    public static boolean[] randomMask(SplittableRandom rnd, int size, double keep) {
        boolean[] m = new boolean[size];
        for (int i = 0; i < size; i++) m[i] = rnd.nextDouble() < keep;
        return m;
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        assertTrue(a.length == b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    public static String row(double[] a, int r, int n) {
        return Arrays.toString(Arrays.copyOfRange(a, r * n, (r + 1) * n));
    }
}
