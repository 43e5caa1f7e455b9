package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * The gradient of α-normmax with respect to its α (docs/math.md#normmax-alpha), for training α as a
 * parameter: given p = normmax_α(z) row by row and an upstream gradient g = dL/dp, the vector–Jacobian
 * product dL/dα = Σ_i g_i ∂p_i/∂α of each row. It needs p alone: with q = p · s, s = (Σ p^α)^(−1/α)
 * (so Σ q^α = 1) and τ' = −Σ q^α ln q / (α s),
 *
 * <pre>
 *   ∂q_i/∂α = −(q_i ln q_i + τ' q_i^(2−α)) / (α − 1)   on the support,   dL/dα = Σ_i (g_i − ⟨g, p⟩) ∂q_i/∂α / s.
 * </pre>
 *
 * Float64, in Java (rows × n work, no product). α-entmax's dα comes from the native backward of
 * {@link Association}; this is normmax's counterpart, not yet wired into the layers.
 */
public final class NormmaxAlpha {
    private NormmaxAlpha() {}

    /**
     * dL/dα of each row.
     *
     * @param p     normmax_α(z), rows × n, each row on the simplex (as {@code Separation.apply} returns it)
     * @param g     dL/dp, rows × n, finite
     * @param rows  rows ≥ 1
     * @param n     values per row ≥ 1
     * @param alpha normmax's α, finite and &gt; 1
     * @return one value per row
     */
    public static double[] vjp(double[] p, double[] g, int rows, int n, double alpha) {
        Check.notNull(p, "p");
        Check.notNull(g, "g");
        int size = Check.matrixSize("rows", rows, 1, "n", n);
        Check.length("p", p.length, size, "rows * n");
        Check.length("g", g.length, size, "rows * n");
        Check.finiteMatrix("p", p, n);
        Check.finiteMatrix("g", g, n);
        if (!(alpha > 1 && alpha < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("normmax alpha must be finite and > 1, got " + alpha);
        }
        double[] dAlpha = new double[rows];
        for (int r = 0; r < rows; r++) dAlpha[r] = row(p, g, r * n, n, alpha);
        return dAlpha;
    }

    private static double row(double[] p, double[] g, int from, int n, double alpha) {
        double powerSum = 0, gp = 0;
        for (int i = from; i < from + n; i++) {
            if (p[i] > 0) powerSum += Math.pow(p[i], alpha);
            gp += g[i] * p[i];
        }
        if (powerSum == 0) return 0; // a masked-out row: nothing depends on α
        double s = Math.pow(powerSum, -1 / alpha), entropyTerm = 0;
        for (int i = from; i < from + n; i++) {
            if (p[i] > 0) {
                double q = p[i] * s;
                entropyTerm += Math.pow(q, alpha) * Math.log(q);
            }
        }
        double tauPrime = -entropyTerm / (alpha * s), sum = 0;
        for (int i = from; i < from + n; i++) {
            if (p[i] > 0) {
                double q = p[i] * s;
                double dq = -(q * Math.log(q) + tauPrime * Math.pow(q, 2 - alpha)) / (alpha - 1);
                sum += (g[i] - gp) * dq;
            }
        }
        return sum / s;
    }
}
