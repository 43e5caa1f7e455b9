package org.hopfield4j.data;

import java.util.Locale;
import org.hopfield4j.internal.Labels;

/**
 * Row-wise normalisation of patterns before they are stored. Each takes R rows of dimension d
 * (R × d row-major, {@code float[]} or {@code double[]}) and returns a new, normalised array; the
 * input is never modified.
 *
 * <ul>
 *   <li>{@link #NONE}: an unchanged copy.
 *   <li>{@link #UNIT_L2}: each row divided by its Euclidean norm, so every row has norm 1 (to float
 *       or double rounding). <b>An all-zero row has no direction and stays all zeros.</b>
 *   <li>{@link #MIN_MAX}: each row mapped affinely onto [0, 1], x ↦ (x − min) / (max − min), so its
 *       smallest value becomes exactly 0 and its largest exactly 1. <b>A constant row (max = min,
 *       including a single-column row) becomes all zeros.</b>
 * </ul>
 *
 * <p>Arithmetic is in double for both element types (float results are rounded once at the end),
 * scaled so that very large or very small finite values neither overflow nor underflow. Every value
 * must be finite: a NaN or an infinity is rejected with an {@link IllegalArgumentException} naming
 * its row and column, as are a null array and a length other than rows × d.
 */
public enum Normalization {
    /** No normalisation: an unchanged copy. */
    NONE,
    /** Each row divided by its Euclidean norm; an all-zero row stays zero. */
    UNIT_L2,
    /** Each row scaled to [0, 1] (min → 0, max → 1); a constant row becomes all zeros. */
    MIN_MAX;

    /** The command-line name: none, unit-l2 or min-max. */
    public String label() {
        return Labels.of(this);
    }

    /** The normalisation called {@code name} (none, unit-l2 or min-max, any case). */
    public static Normalization named(String name) {
        return Labels.named(values(), Normalization::label, name, "normalisation");
    }

    /**
     * A new {@code rows} × {@code d} row-major array: every row of {@code x} normalised.
     *
     * @param x    rows × d row-major values, all finite
     * @param rows R ≥ 0
     * @param d    the dimension, ≥ 1
     * @throws IllegalArgumentException if x is null, its length is not rows × d, rows &lt; 0, d &lt; 1,
     *                                  or a value is NaN or infinite
     */
    public float[] apply(float[] x, int rows, int d) {
        if (x == null) {
            throw new IllegalArgumentException("patterns are null");
        }
        // widening is exact and the arithmetic is in double anyway: one rounding at the end
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        double[] normalized = apply(wide, rows, d);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) normalized[i];
        }
        return out;
    }

    /**
     * A new {@code rows} × {@code d} row-major array: every row of {@code x} normalised.
     *
     * @param x    rows × d row-major values, all finite
     * @param rows R ≥ 0
     * @param d    the dimension, ≥ 1
     * @throws IllegalArgumentException if x is null, its length is not rows × d, rows &lt; 0, d &lt; 1,
     *                                  or a value is NaN or infinite
     */
    public double[] apply(double[] x, int rows, int d) {
        if (x == null) {
            throw new IllegalArgumentException("patterns are null");
        }
        check(x.length, rows, d);
        for (int i = 0; i < x.length; i++) {
            finite(x[i], i, d);
        }
        double[] out = x.clone();
        double[] row = new double[d];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(out, r * d, row, 0, d);
            normalizeRow(row);
            System.arraycopy(row, 0, out, r * d, d);
        }
        return out;
    }

    private void normalizeRow(double[] row) {
        switch (this) {
            case NONE -> { }
            case UNIT_L2 -> unitL2(row);
            case MIN_MAX -> minMax(row);
        }
    }

    private static void unitL2(double[] row) {
        double scale = 0;
        for (double v : row) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            return;   // all-zero row: stays zero
        }
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            row[j] /= scale;   // now in [-1, 1], max |.| = 1: no overflow, no total underflow
            sum += row[j] * row[j];
        }
        double norm = Math.sqrt(sum);
        for (int j = 0; j < row.length; j++) {
            row[j] /= norm;
        }
    }

    private static void minMax(double[] row) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) {
            java.util.Arrays.fill(row, 0);   // constant row: all zeros
            return;
        }
        double range = hi - lo;
        boolean halve = Double.isInfinite(range);   // e.g. -1e308 .. 1e308: work with halves
        if (halve) {
            range = hi / 2 - lo / 2;
        }
        for (int j = 0; j < row.length; j++) {
            double num = halve ? row[j] / 2 - lo / 2 : row[j] - lo;
            row[j] = row[j] == hi ? 1 : Math.min(1, num / range);
        }
    }

    private static void check(int length, int rows, int d) {
        if (rows < 0 || d < 1 || (long) rows * d != length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "patterns have %d values, expected rows * d = %d * %d (rows >= 0, d >= 1)", length, rows, d));
        }
    }

    private static void finite(double v, int i, int d) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "pattern value at row %d, column %d is %s: values must be finite", i / d, i % d, v));
        }
    }
}
