package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * α-entmax for α &gt; 2 against a 120-digit reference, entry by entry, with one absolute tolerance
 * that does not loosen where the answer is most fragile (issue #19).
 *
 * <p>For large α the smallest support entry a has t_a = (α−1) z_a − τ far below the resolution of τ
 * (1e-18 and less) while p_a = t_a^(1/(α−1)) still carries visible mass, so a float64 reference in the
 * original coordinates cannot tell the right answer and any tolerance derived from the conditioning of
 * τ explodes on exactly those rows. Here the scores (doubles, so exact decimals) and τ live in
 * {@link BigDecimal} at 120 digits; α is an integer, so p = t^(1/(α−1)) is an integer root computed by
 * Newton's method in the same precision. The reference is therefore good to far beyond float64 and
 * shares no code or idea with the kernel's anchored root finder.
 */
class EntmaxHighPrecisionTest {
    private static final MathContext MC = new MathContext(120, RoundingMode.HALF_EVEN);
    private static final BigDecimal CONVERGED = new BigDecimal("1e-115");
    /** Allowed |p_native − p_reference| for every entry: a few ulps of 1, whatever the row. */
    private static final double TOLERANCE = 1e-14;

    @ParameterizedTest(name = "alpha = {0}")
    @ValueSource(ints = {3, 4, 5, 10, 30})
    void everyEntryMatchesTheHighPrecisionReference(int alpha) {
        List<double[]> rows = rows(alpha);
        int n = rows.get(0).length;
        double[] z = new double[rows.size() * n];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, z, r * n, n);
        }
        double[] p = Separation.entmax(alpha).apply(z, rows.size(), n);
        double worst = 0;
        String where = "";
        for (int r = 0; r < rows.size(); r++) {
            double[] expected = reference(rows.get(r), alpha);
            for (int i = 0; i < n; i++) {
                double err = Math.abs(p[r * n + i] - expected[i]);
                if (err > worst) {
                    worst = err;
                    where = "row " + r + " entry " + i + ": native " + p[r * n + i] + ", reference " + expected[i];
                }
            }
        }
        assertTrue(worst <= TOLERANCE, "alpha " + alpha + ": worst error " + worst + " at " + where);
    }

    /**
     * Random Gaussian rows at several scales, and rows built so that one support entry sits 1e-12 to
     * 1e-40 above the threshold (in t) while the others are well inside.
     */
    private static List<double[]> rows(int alpha) {
        int n = 12;
        SplittableRandom random = new SplittableRandom(alpha);
        List<double[]> rows = new ArrayList<>();
        for (double scale : new double[] {0.01, 0.3, 1, 5}) {
            for (int k = 0; k < 4; k++) {
                double[] z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = scale * random.nextGaussian();
                }
                rows.add(z);
            }
        }
        double am1 = alpha - 1;
        for (double tiny : new double[] {1e-12, 1e-18, 1e-25, 1e-40}) {
            // p = (0.6, 0.4 - tiny^(1/(alpha-1)), tiny^(1/(alpha-1)), 0, ...) at tau = -0.25, then z from p:
            // z_i = (tau + p_i^(alpha-1)) / (alpha - 1); the doubles round z, the reference solves the rounded row.
            double pTiny = Math.pow(tiny, 1 / am1);
            double[] target = {0.6, 0.4 - pTiny, pTiny};
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = i < 3 ? (-0.25 + Math.pow(target[i], am1)) / am1 : (-0.25 - 0.01 * (i + 1)) / am1;
            }
            rows.add(z);
        }
        return rows;
    }

    /** α-entmax of one row (β = 1) at 120 digits: bisection on τ, integer roots by Newton's method. */
    private static double[] reference(double[] z, int alpha) {
        int n = z.length;
        int k = alpha - 1; // p_i = t_i^(1/k)
        BigDecimal[] x = new BigDecimal[n];
        BigDecimal max = null;
        for (int i = 0; i < n; i++) {
            x[i] = new BigDecimal(z[i]).multiply(BigDecimal.valueOf(k)); // (alpha - 1) z_i, exact
            max = max == null || x[i].compareTo(max) > 0 ? x[i] : max;
        }
        // f(tau) = sum (x_i - tau)_+^(1/k) - 1 decreases in tau; f(max - 1) >= 0 > f(max)
        BigDecimal lo = max.subtract(BigDecimal.ONE);
        BigDecimal hi = max;
        for (int iter = 0; iter < 500; iter++) { // 2^-500: below the 120 digits of tau
            BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2), MC);
            if (mass(x, mid, k).compareTo(BigDecimal.ONE) >= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        BigDecimal tau = lo;
        BigDecimal total = mass(x, tau, k);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            BigDecimal t = x[i].subtract(tau, MC);
            p[i] = t.signum() > 0 ? root(t, k).divide(total, MC).doubleValue() : 0.0;
        }
        return p;
    }

    private static BigDecimal mass(BigDecimal[] x, BigDecimal tau, int k) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal xi : x) {
            BigDecimal t = xi.subtract(tau, MC);
            if (t.signum() > 0) {
                sum = sum.add(root(t, k), MC);
            }
        }
        return sum;
    }

    /** t^(1/k) for t &gt; 0 by Newton's method on y^k = t, started from the double estimate. */
    private static BigDecimal root(BigDecimal t, int k) {
        if (k == 1) {
            return t;
        }
        double estimate = Math.pow(t.doubleValue(), 1.0 / k);
        if (!(estimate > 0) || Double.isInfinite(estimate)) {
            // below the double range: scale t by 10^(k*s) so that the estimate exists
            int shift = (-t.scale() + t.precision()) / k - 1;
            BigDecimal scaled = t.scaleByPowerOfTen(-k * shift);
            return root(scaled, k).scaleByPowerOfTen(shift);
        }
        BigDecimal y = new BigDecimal(estimate);
        BigDecimal kk = BigDecimal.valueOf(k);
        for (int iter = 0; iter < 100; iter++) {
            BigDecimal yk1 = y.pow(k - 1, MC);
            BigDecimal next = y.subtract(yk1.multiply(y, MC).subtract(t, MC).divide(kk.multiply(yk1, MC), MC), MC);
            boolean converged = next.subtract(y).abs().compareTo(next.multiply(CONVERGED)) <= 0;
            y = next;
            if (converged) {
                break;
            }
        }
        return y;
    }
}
