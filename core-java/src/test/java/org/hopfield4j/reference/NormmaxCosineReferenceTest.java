package org.hopfield4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The normmax and cosine references on their own: published values, closed forms, gradients, conjugate. */
class NormmaxCosineReferenceTest {

    /** deep-spin/entmax's README and test_root_finding.py::test_normmax (float32, 4 decimals). */
    @Test
    void matchesDeepSpinValues() {
        assertArrayEquals(new double[] {0, 0.3110, 0.6890},
                ReferenceSeparation.normmaxBisectRow(new double[] {-2, 0, 0.5}, 2), 6e-5);
        assertArrayEquals(new double[] {0, 0.4997, 0.5003},
                ReferenceSeparation.normmaxBisectRow(new double[] {-2, 0, 0.5}, 1000), 6e-5);
        assertArrayEquals(new double[] {0, 0.0239, 0.1746, 0.3254, 0.4761},
                ReferenceSeparation.normmaxBisectRow(new double[] {0, .25, .5, .75, 1}, 2), 6e-5);
        assertArrayEquals(new double[] {0, 0, 0.3330, 0.3334, 0.3336},
                ReferenceSeparation.normmaxBisectRow(new double[] {0, .25, .5, .75, 1}, 1000), 6e-5);
    }

    /**
     * α = 2 by hand: two entries a ≥ b in the support have (a − τ)² + (b − τ)² = 1 and p ∝ (x − τ);
     * with gap δ = a − b, b − τ = (−δ + √(2 − δ²))/2, valid while δ &lt; 1; a gap of 1 is one-hot.
     */
    @Test
    void twoEntriesByHand() {
        double delta = 0.4;
        double tb = (-delta + Math.sqrt(2 - delta * delta)) / 2, ta = tb + delta;
        assertArrayEquals(new double[] {ta / (ta + tb), tb / (ta + tb)},
                ReferenceSeparation.normmaxBisectRow(new double[] {0.4, 0}, 2), 1e-14);
        assertArrayEquals(new double[] {1, 0}, ReferenceSeparation.normmaxBisectRow(new double[] {7, 6}, 2), 0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
                ReferenceSeparation.normmaxBisectRow(new double[] {3, 3, 3, 3}, 5), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.25, 1.5, 2, 3, 5})
    void backwardMatchesFiniteDifferences(double alpha) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 6;
        double beta = 1.7;
        double[] z = new double[n], g = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = random.nextGaussian();
            g[i] = random.nextGaussian();
        }
        double[] p = forward(z, beta, alpha);
        double[] dz = ReferenceSeparation.normmaxBackward(p, g, 1, n, beta, alpha);
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double[] up = z.clone(), down = z.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (dot(g, forward(up, beta, alpha)) - dot(g, forward(down, beta, alpha))) / (2 * h);
            assertEquals(fd, dz[i], 1e-7 * (1 + Math.abs(fd)), "coordinate " + i);
        }
    }

    /** Ψ* is the conjugate: its gradient is p, and Ψ*(z) ≥ ⟨z, y⟩ − (‖y‖_α − 1) for y in the simplex. */
    @ParameterizedTest
    @ValueSource(doubles = {1.25, 2, 5})
    void conjugateHasGradientPAndBoundsEveryDistribution(double alpha) {
        SplittableRandom random = new SplittableRandom(5);
        double[] z = new double[5];
        for (int i = 0; i < z.length; i++) z[i] = random.nextGaussian();
        double[] p = ReferenceSeparation.normmaxBisectRow(z, alpha);
        double psi = ReferenceSeparation.psiStar(ReferenceSeparation.Map.NORMMAX_BISECT, alpha, z);
        for (int i = 0; i < z.length; i++) {
            double[] up = z.clone(), down = z.clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double fd = (ReferenceSeparation.psiStar(ReferenceSeparation.Map.NORMMAX_BISECT, alpha, up)
                    - ReferenceSeparation.psiStar(ReferenceSeparation.Map.NORMMAX_BISECT, alpha, down)) / 2e-6;
            assertEquals(p[i], fd, 1e-7);
        }
        for (int t = 0; t < 50; t++) {
            double[] y = new double[z.length];
            double sum = 0;
            for (int i = 0; i < y.length; i++) sum += y[i] = random.nextDouble();
            double norm = 0;
            for (int i = 0; i < y.length; i++) norm += Math.pow(y[i] / sum, alpha);
            double value = 0;
            for (int i = 0; i < y.length; i++) value += z[i] * y[i] / sum;
            assertTrue(psi >= value - (Math.pow(norm, 1 / alpha) - 1) - 1e-12);
        }
        // One-hot (a gap of at least 1): Ψ* is the max score.
        assertEquals(4.0, ReferenceSeparation.psiStar(ReferenceSeparation.Map.NORMMAX_BISECT, alpha, new double[] {4, 2.5, -1}), 1e-14);
    }

    @Test
    void cosineIsScaleFreeAndZeroForAZeroVector() {
        double[] memories = {3, 4, 0, 0, 0, 0, -1, 0, 0, 0, 2, 0};   // M = 4, d = 3; row 1 is the zero pattern
        ReferenceRetrieval ref = ReferenceRetrieval.of(memories, 4, 3).similarity(ReferenceRetrieval.Similarity.COSINE);
        double[] s = ref.scores(new double[] {6, 8, 0});
        assertArrayEquals(new double[] {1, 0, -0.6, 0.8}, s, 1e-15);
        assertArrayEquals(s, ref.scores(new double[] {0.06, 0.08, 0}), 1e-15);
        assertArrayEquals(new double[4], ref.scores(new double[3]), 0);
    }

    private static double[] forward(double[] z, double beta, double alpha) {
        double[] x = new double[z.length];
        for (int i = 0; i < z.length; i++) x[i] = beta * z[i];
        return ReferenceSeparation.normmaxBisectRow(x, alpha);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
