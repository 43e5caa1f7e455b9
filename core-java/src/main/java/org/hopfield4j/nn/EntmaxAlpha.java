package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * α as a trainable parameter (docs/math.md#alpha-parameter): an unconstrained raw value a, any real
 * number, mapped to
 *
 * <pre>
 *   α(a) = 1 + δ + (1 − δ) σ(a),   σ(a) = 1 / (1 + e^(−a)),   δ = {@value #MIN_EXCESS}
 *   dα/da = (1 − δ) σ(a) (1 − σ(a))
 * </pre>
 *
 * so α stays in [1 + δ, 2] whatever an optimiser does to a (deep-spin/entmax's users saw α drift
 * below 1 under AdamW when α itself was the parameter). δ keeps α away from 1, where α-entmax
 * turns into softmax and its α-gradient into 0/0; in floating point 1 + σ(a) would round to 1 for
 * a &lt; −37. α = 2 (sparsemax) is reached for large a.
 *
 * <p>Per head: keep one raw value per head; a head's rows share its α ({@link #perRow}); the
 * gradient of a head's raw value is the sum of its rows' dα times dα/da ({@link #rawGradient}).
 */
public final class EntmaxAlpha {
    /** δ: α never comes closer to 1 than this. */
    public static final double MIN_EXCESS = 0.01;

    private EntmaxAlpha() {}

    /** α(a) in [1 + δ, 2]. @throws IllegalArgumentException if a is NaN */
    public static double alpha(double raw) {
        return 1 + MIN_EXCESS + (1 - MIN_EXCESS) * sigmoid(checked(raw));
    }

    /** dα/da at a. */
    public static double derivative(double raw) {
        double s = sigmoid(checked(raw));
        return (1 - MIN_EXCESS) * s * (1 - s);
    }

    /**
     * The raw value whose α is {@code alpha} (for initialising from a chosen α).
     *
     * @throws IllegalArgumentException unless 1 + δ &lt; α &lt; 2
     */
    public static double raw(double alpha) {
        if (!(alpha > 1 + MIN_EXCESS && alpha < 2)) {
            throw new IllegalArgumentException("alpha must be in (1 + " + MIN_EXCESS + ", 2) to have a raw value, got " + alpha);
        }
        double s = (alpha - 1 - MIN_EXCESS) / (1 - MIN_EXCESS);
        return Math.log(s / (1 - s));
    }

    /** α of every raw value. */
    public static double[] alphas(double[] raw) {
        Check.notNull(raw, "raw");
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = alpha(raw[i]);
        return out;
    }

    /**
     * One α per row for groups of {@code rowsPerGroup} consecutive rows (e.g. a head's rows when the
     * heads are consecutive problems of an {@link Association}): rows g·rowsPerGroup … get alphas[g].
     */
    public static double[] perRow(double[] alphas, int rowsPerGroup) {
        Check.notNull(alphas, "alphas");
        Check.matrixSize("groups", alphas.length, 1, "rowsPerGroup", rowsPerGroup);
        double[] out = new double[alphas.length * rowsPerGroup];
        for (int g = 0; g < alphas.length; g++) {
            java.util.Arrays.fill(out, g * rowsPerGroup, (g + 1) * rowsPerGroup, alphas[g]);
        }
        return out;
    }

    /**
     * dL/da per group: the dα of each group's rows (groups of {@code dAlpha.length / raw.length}
     * consecutive rows, or one value per group) summed and multiplied by dα/da.
     */
    public static double[] rawGradient(double[] raw, double[] dAlpha) {
        Check.notNull(raw, "raw");
        Check.notNull(dAlpha, "dAlpha");
        if (raw.length == 0 || dAlpha.length % raw.length != 0) {
            throw new IllegalArgumentException("dAlpha has " + dAlpha.length + " values, expected a multiple of the "
                    + raw.length + " raw values");
        }
        int rows = dAlpha.length / raw.length;
        double[] out = new double[raw.length];
        for (int g = 0; g < raw.length; g++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += dAlpha[g * rows + r];
            out[g] = sum * derivative(raw[g]);
        }
        return out;
    }

    private static double sigmoid(double a) {
        // both branches avoid exp of a large positive number
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    private static double checked(double raw) {
        if (Double.isNaN(raw)) {
            throw new IllegalArgumentException("raw alpha parameter is NaN");
        }
        return raw;
    }
}
