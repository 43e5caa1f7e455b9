package org.hopfield4j;

import java.util.function.IntToDoubleFunction;
import org.hopfield4j.internal.VjpWeights;

/**
 * Rejects a vector-Jacobian product of a separation map whose result or running sums could overflow
 * the working precision, before the native call: the kernels would otherwise return ±∞ or NaN
 * (issue #18). The bounds follow the kernels' formulas (native/src/main/cpp/backward.hpp and
 * normmax.hpp), row by row, from p, g, β and α alone:
 * <ul>
 *   <li>softmax: dz = β p (g − ⟨g, p⟩), so |dz| ≤ β·max p·(1 + n·max p)·max|g|;</li>
 *   <li>the entmax family: dz = β w (g − q), w = p^(2−α) on the support and q a w-weighted mean of g,
 *       so |dz| ≤ 2β·max w·max|g|, and the sums Σw, Σw·g ≤ n·max w·max|g| (sparsemax: w = 1);</li>
 *   <li>normmax: the same with c = (p / max p)^(2−α) and its factor β·max p·S^((α−1)/α)/(α−1),
 *       S ≤ n.</li>
 * </ul>
 */
final class BackwardBounds {
    private BackwardBounds() {}

    /**
     * @param p the forward output (checked finite and ≥ 0), {@code g} the upstream gradient (checked finite)
     * @param alphas one α, or one per row
     */
    static void check(MapKind kind, double[] alphas, IntToDoubleFunction p, IntToDoubleFunction g, int rows, int n,
                      double beta, Precision precision) {
        double limit = precision.overflowLimit();
        for (int r = 0; r < rows; r++) {
            double alpha = alphas.length == 1 ? alphas[0] : alphas[r];
            double pMax = 0, gMax = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                pMax = Math.max(pMax, p.applyAsDouble(i));
                gMax = Math.max(gMax, Math.abs(g.applyAsDouble(i)));
            }
            double wMax = VjpWeights.largest(kind, alpha, p, r * n, n);
            // the running sums are doubles in the kernels; dz is stored in the working precision
            double sums = n * Math.max(wMax, pMax) * Math.max(gMax, 1) * (1 + n * pMax);
            double bound = switch (kind) {
                case SOFTMAX -> beta * pMax * (1 + n * pMax) * gMax;
                case SPARSEMAX -> 2 * beta * gMax;
                case NORMMAX -> beta * pMax * Math.pow(n, (alpha - 1) / alpha) / (alpha - 1)
                        * (wMax * (1 + n * pMax) * gMax + sums * pMax);   // c (g - <p, g>) - shift p
                default -> 2 * beta * wMax * gMax;
            };
            if (!(bound <= limit) || !(sums <= Precision.FLOAT64.overflowLimit())) {
                throw new IllegalArgumentException("g and beta are too large for p in row " + r + ": the " + kind.label()
                        + " backward could reach " + Math.max(bound, sums) + " (beta " + beta + ", max |g| " + gMax
                        + ", max p " + pMax
                        + (kind == MapKind.SOFTMAX || kind == MapKind.SPARSEMAX ? "" : ", largest p^(2 - alpha) " + wMax)
                        + "), beyond what " + precision + " can hold (limit " + limit + "); scale g or beta down");
            }
        }
    }
}
