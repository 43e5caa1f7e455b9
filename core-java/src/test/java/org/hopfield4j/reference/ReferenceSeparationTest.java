package org.hopfield4j.reference;

import static org.hopfield4j.Numerics.assertClose;
import static org.hopfield4j.Numerics.assertDistributions;
import static org.hopfield4j.Numerics.ULP1;
import static org.hopfield4j.Numerics.kktViolation;
import static org.hopfield4j.Numerics.tauConditioning;
import static org.hopfield4j.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.reference.ReferenceSeparation.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference checked on its own, without native code: hand-computed values, closed forms, the
 * optimality conditions, and its backward against finite differences of its forward.
 */
class ReferenceSeparationTest {
    private static final double EPS = 1e-14;

    private static double[] sparsemax(double... z) {
        return ReferenceSeparation.sparsemax(z, null, 1, z.length, 1);
    }

    private static double[] entmax15(double... z) {
        return ReferenceSeparation.entmax15(z, null, 1, z.length, 1);
    }

    @Test
    void sparsemaxByHand() {
        // sorted [1, .5, 0]: k = 2 passes (1 + 2·0.5 > 1.5), k = 3 fails (1 + 0 ≤ 1.5); τ = (1.5 − 1)/2
        assertArrayEquals(new double[] {0.75, 0.25, 0}, sparsemax(1, 0.5, 0), EPS);
        assertArrayEquals(new double[] {0.6, 0.4}, sparsemax(0.2, 0), EPS);        // τ = −0.4
        assertArrayEquals(new double[] {1, 0}, sparsemax(3, 0), EPS);              // gap ≥ 1: one-hot
        assertArrayEquals(new double[] {1, 0}, sparsemax(1, 0), EPS);              // gap exactly 1
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, sparsemax(7, 7, 7, 7), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, sparsemax(-5, 2, 2), EPS);
        assertArrayEquals(new double[] {1}, sparsemax(-123.5), EPS);
        // scores of 1e30: shifting by the max keeps the answer exact
        assertArrayEquals(new double[] {0.5, 0.5, 0}, sparsemax(1e30, 1e30, -1e30), EPS);
    }

    @Test
    void softmaxByHand() {
        double[] p = ReferenceSeparation.softmax(new double[] {0, Math.log(3)}, null, 1, 2, 1);
        assertArrayEquals(new double[] {0.25, 0.75}, p, EPS);
        p = ReferenceSeparation.softmax(new double[] {1000, 1000 + Math.log(3)}, null, 1, 2, 1);
        assertArrayEquals(new double[] {0.25, 0.75}, p, 1e-12);               // no overflow
        p = ReferenceSeparation.softmax(new double[] {0, Math.log(3) / 2}, null, 1, 2, 2);
        assertArrayEquals(new double[] {0.25, 0.75}, p, EPS);                 // beta = 2
    }

    /**
     * Two entries in the support of 1.5-entmax: with a = x1 − τ, b = x2 − τ (x = z/2), a − b = d and
     * a² + b² = 1 give b = (−d + √(2 − d²))/2, valid while d ≤ 1.
     */
    @Test
    void entmax15TwoEntriesClosedForm() {
        for (double gap : new double[] {0, 0.3, 1, 1.7, 2}) {
            double d = gap / 2;
            double b = (-d + Math.sqrt(2 - d * d)) / 2, a = b + d;
            assertArrayEquals(new double[] {a * a, b * b}, entmax15(gap, 0), EPS, "gap " + gap);
        }
        assertArrayEquals(new double[] {1, 0}, entmax15(2.5, 0), EPS);
        assertArrayEquals(new double[] {1, 0}, entmax15(2, 0), EPS);                 // d = 1: b = 0
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, entmax15(4, 4, 4), EPS);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.2, 1.5, 2, 3, 7})
    void bisectionTwoEntriesSatisfiesItsDefinition(double alpha) {
        // p_i = ((α−1) x_i − τ)^{1/(α−1)}: both entries give the same τ when both are in the support
        double[] z = {0.1, 0};                    // (α−1)·0.1 < 1: both in the support up to α = 7
        double[] p = ReferenceSeparation.entmaxBisect(z, null, 1, 2, 1, alpha);
        double tau0 = (alpha - 1) * z[0] - Math.pow(p[0], alpha - 1);
        double tau1 = (alpha - 1) * z[1] - Math.pow(p[1], alpha - 1);
        // one ulp of τ costs ~ulp · Σ p^{2−α}/(α−1) after the renormalisation (1e-11 at α = 7 here)
        assertEquals(tau0, tau1, 1e-14 + 16 * ULP1 * (alpha - 1) * tauConditioning(p, 1, 2, alpha));
        assertEquals(1, p[0] + p[1], EPS);
        assertArrayEquals(new double[] {0.5, 0.5},
                ReferenceSeparation.entmaxBisect(new double[] {3, 3}, null, 1, 2, 1, alpha), EPS);
    }

    @Test
    void bisectionAgreesWithTheExactMaps() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(40);
            double[] z = uniform(rnd, n, -3, 3);
            assertClose(ReferenceSeparation.sparsemax(z, null, 1, n, 1),
                    ReferenceSeparation.entmaxBisect(z, null, 1, n, 1, 2), n, 1e-13, "alpha 2 vs sparsemax");
            assertClose(ReferenceSeparation.entmax15(z, null, 1, n, 1),
                    ReferenceSeparation.entmaxBisect(z, null, 1, n, 1, 1.5), n, 1e-13, "alpha 1.5 vs entmax15");
        }
    }

    @Test
    void bisectionApproachesSoftmaxAsAlphaGoesToOne() {
        double[] z = uniform(new SplittableRandom(2), 12, -2, 2);
        double[] soft = ReferenceSeparation.softmax(z, null, 1, 12, 1);
        double gap3 = maxGap(z, soft, 1.001), gap4 = maxGap(z, soft, 1.0001);
        assertTrue(gap3 < 1e-2 && gap4 < gap3 / 5, "gaps " + gap3 + ", " + gap4);
    }

    private static double maxGap(double[] z, double[] soft, double alpha) {
        return org.hopfield4j.Numerics.maxAbsDiff(soft, ReferenceSeparation.entmaxBisect(z, null, 1, z.length, 1, alpha));
    }

    @Test
    void optimalityConditionsOnRandomRows() {
        SplittableRandom rnd = new SplittableRandom(3);
        Map[] maps = {Map.SOFTMAX, Map.SPARSEMAX, Map.ENTMAX15, Map.ENTMAX_BISECT, Map.ENTMAX_BISECT, Map.ENTMAX_BISECT};
        double[] alphas = {1, 2, 1.5, 1.2, 3, 7};
        for (int trial = 0; trial < 100; trial++) {
            int rows = 1 + rnd.nextInt(4), n = 1 + rnd.nextInt(30);
            double[] z = uniform(rnd, rows * n, -5, 5);
            double beta = 0.1 + 3 * rnd.nextDouble();
            for (int m = 0; m < maps.length; m++) {
                double[] p = ReferenceSeparation.apply(maps[m], alphas[m], z, null, rows, n, beta);
                assertDistributions(p, null, null, rows, n, 1e-13, maps[m] + " " + alphas[m]);
                double v = kktViolation(z, null, p, rows, n, beta, alphas[m]);
                double tol = 1e-11 + 16 * ULP1 * (alphas[m] - 1) * tauConditioning(p, rows, n, alphas[m]);
                assertTrue(v < tol, maps[m] + " alpha " + alphas[m] + ": KKT violation " + v + " > " + tol);
            }
        }
    }

    @Test
    void masksEqualTheShortenedRow() {
        double[] z = {3, Double.NEGATIVE_INFINITY, 1, 0.5, 2};
        boolean[] mask = {true, true, true, false, true};
        double[] shortened = {3, 1, 2};
        for (Map map : Map.values()) {
            double[] p = ReferenceSeparation.apply(map, 2.5, z, mask, 1, 5, 1.3);
            double[] q = ReferenceSeparation.apply(map, 2.5, shortened, null, 1, 3, 1.3);
            assertArrayEquals(new double[] {q[0], 0, q[1], 0, q[2]}, p, 0.0, map.toString());
            double[] none = ReferenceSeparation.apply(map, 2.5, z, new boolean[5], 1, 5, 1);
            assertArrayEquals(new double[5], none, 0.0);
        }
    }

    @Test
    void backwardEqualsFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(4);
        Map[] maps = {Map.SOFTMAX, Map.SPARSEMAX, Map.ENTMAX15, Map.ENTMAX_BISECT, Map.ENTMAX_BISECT};
        double[] alphas = {1, 2, 1.5, 1.3, 2.5};
        double h = 1e-6;
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + rnd.nextInt(10);
            double[] z = uniform(rnd, n, -1, 1), g = uniform(rnd, n, -1, 1);
            double beta = trial % 2 == 0 ? 1 : 1.7;
            for (int m = 0; m < maps.length; m++) {
                double[] p = ReferenceSeparation.apply(maps[m], alphas[m], z, null, 1, n, beta);
                double[] dz = ReferenceSeparation.backward(maps[m], alphas[m], p, g, 1, n, beta);
                for (int j = 0; j < n; j++) {
                    double[] zp = z.clone(), zm = z.clone();
                    zp[j] += h;
                    zm[j] -= h;
                    double[] pp = ReferenceSeparation.apply(maps[m], alphas[m], zp, null, 1, n, beta);
                    double[] pm = ReferenceSeparation.apply(maps[m], alphas[m], zm, null, 1, n, beta);
                    if (!java.util.Arrays.equals(ReferenceSeparation.support(pp, 1, n), ReferenceSeparation.support(p, 1, n))
                            || !java.util.Arrays.equals(ReferenceSeparation.support(pm, 1, n), ReferenceSeparation.support(p, 1, n))) {
                        continue;
                    }
                    double fd = (dot(g, pp) - dot(g, pm)) / (2 * h);
                    assertEquals(fd, dz[j], 1e-6, maps[m] + " alpha " + alphas[m] + " d/dz" + j);
                }
            }
        }
    }

    @Test
    void sparsemaxBackwardByHand() {
        // support {0, 1}: dz = g − mean_S g on S, 0 elsewhere; times beta
        double[] dz = ReferenceSeparation.sparsemaxBackward(new double[] {0.75, 0.25, 0}, new double[] {1, 3, 9}, 1, 3, 2);
        assertArrayEquals(new double[] {-2, 2, 0}, dz, EPS);
        dz = ReferenceSeparation.softmaxBackward(new double[] {0.5, 0.5}, new double[] {1, 0}, 1, 2, 1);
        assertArrayEquals(new double[] {0.25, -0.25}, dz, EPS);
        dz = ReferenceSeparation.entmaxBackward(new double[2], new double[] {1, 2}, 1, 2, 1, 1.5);
        assertArrayEquals(new double[2], dz, 0.0);                                  // all-masked row
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
