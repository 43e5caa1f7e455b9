package org.hopfield4j.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hopfield4j.reference.ReferenceRetrieval.Result;
import org.hopfield4j.reference.ReferenceRetrieval.Similarity;
import org.hopfield4j.reference.ReferenceSeparation.Map;
import org.junit.jupiter.api.Test;

/** The reference checked by hand and against independent formulas. */
class ReferenceRetrievalTest {
    // two orthonormal patterns and a third one, d = 2
    private static final double[] XI = {1, 0, 0, 1, -1, -1};

    @Test
    void scoresOfEverySimilarity() {
        ReferenceRetrieval r = ReferenceRetrieval.of(XI, 3, 2);
        double[] x = {2, 1};
        assertArrayEquals(new double[] {2, 1, -3}, r.scores(x), 0);
        assertArrayEquals(new double[] {-Math.sqrt(2), -2, -Math.sqrt(13)},
                r.similarity(Similarity.NEGATIVE_L2).scores(x), 1e-15);
        assertArrayEquals(new double[] {-2, -2, -5}, r.similarity(Similarity.NEGATIVE_MANHATTAN).scores(x), 0);
        // W = diag(2, 3): <W xi, W x> = 4 xi_1 x_1 + 9 xi_2 x_2
        assertArrayEquals(new double[] {8, 9, -17}, r.kernel(new double[] {2, 0, 0, 3}, 2).scores(x), 0);
        // D = 1: W = (1 1): <W xi, W x> = (xi_1 + xi_2)(x_1 + x_2)
        assertArrayEquals(new double[] {3, 3, -6}, r.kernel(new double[] {1, 1}, 1).scores(x), 0);
    }

    @Test
    void oneSoftmaxStepByHand() {
        Result res = ReferenceRetrieval.of(XI, 3, 2).retrieve(new double[] {2, 1}, 1);
        double e2 = Math.exp(2), e1 = Math.exp(1), em3 = Math.exp(-3), z = e2 + e1 + em3;
        double[] p = {e2 / z, e1 / z, em3 / z};
        assertArrayEquals(p, res.weights(), 1e-15);
        assertArrayEquals(new double[] {p[0] - p[2], p[1] - p[2]}, res.states(), 1e-15);
        assertArrayEquals(new int[] {1}, res.steps());
        // E(x) = 1/2 |x|^2 - log sum exp(s)
        assertEquals(2.5 - Math.log(z), res.energyBefore()[0], 1e-14);
    }

    @Test
    void sparsemaxStepByHand() {
        // s = (2, 1, -3) at beta = 1: tau = 1, p = (1, 0, 0); at beta = 0.5: z = (1, .5, -1.5), p = (.75, .25, 0)
        ReferenceRetrieval r = ReferenceRetrieval.of(XI, 3, 2).map(Map.SPARSEMAX, 0);
        assertArrayEquals(new double[] {1, 0, 0}, r.weights(new double[] {2, 1}), 0);
        assertArrayEquals(new double[] {0.75, 0.25, 0}, r.beta(0.5).weights(new double[] {2, 1}), 1e-15);
        Result res = r.beta(0.5).steps(1).retrieve(new double[] {2, 1}, 1);
        assertArrayEquals(new double[] {0.75, 0.25}, res.states(), 1e-15);
    }

    @Test
    void polyIsNormalisedAndZeroWithoutPositiveScores() {
        assertArrayEquals(new double[] {0.8, 0.2, 0}, ReferenceRetrieval.poly(new double[] {2, 1, -1}, 2), 1e-15);
        assertArrayEquals(new double[] {0, 0}, ReferenceRetrieval.poly(new double[] {-1, 0}, 10), 0);
        // L2 scores are never positive: poly-n gives the zero state
        Result res = ReferenceRetrieval.of(XI, 3, 2).polynomial(10).similarity(Similarity.NEGATIVE_L2)
                .retrieve(new double[] {2, 1}, 1);
        assertArrayEquals(new double[] {0, 0}, res.states(), 0);
        assertEquals(null, res.energyBefore());
        // huge scores do not overflow: p = (s / max)^n normalised
        assertArrayEquals(new double[] {1, 0}, ReferenceRetrieval.poly(new double[] {1e300, 1e290}, 10), 1e-15);
    }

    @Test
    void psiStarAgreesWithTheSpecialForms() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            double[] z = new double[7];
            for (int i = 0; i < z.length; i++) z[i] = 3 * rnd.nextGaussian();
            // alpha = 2: 1/2 |z|^2 - 1/2 |sparsemax(z) - z|^2 + 1/2 (the sparse paper's form)
            double[] p = ReferenceSeparation.sparsemax(z, null, 1, z.length, 1);
            double sparse = 0.5;
            for (int i = 0; i < z.length; i++) sparse += 0.5 * z[i] * z[i] - 0.5 * (p[i] - z[i]) * (p[i] - z[i]);
            assertEquals(sparse, ReferenceRetrieval.psiStar(Map.SPARSEMAX, 2, z), 1e-12);
            assertEquals(sparse, ReferenceRetrieval.psiStar(Map.ENTMAX_BISECT, 2, z), 1e-10);
            assertEquals(ReferenceRetrieval.psiStar(Map.ENTMAX15, 1.5, z),
                    ReferenceRetrieval.psiStar(Map.ENTMAX_BISECT, 1.5, z), 1e-10);
            // alpha -> 1 approaches log-sum-exp
            assertEquals(ReferenceRetrieval.psiStar(Map.SOFTMAX, 1, z),
                    ReferenceRetrieval.psiStar(Map.ENTMAX_BISECT, 1.0001, z), 5e-3);
            // Psi* is the maximum of <p, z> + H(p) over the simplex: any other p gives less
            double[] q = ReferenceSeparation.softmax(z, null, 1, z.length, 1);
            double alpha = 1.7;
            double qz = 0, qa = 0;
            for (int i = 0; i < z.length; i++) {
                qz += q[i] * z[i];
                qa += Math.pow(q[i], alpha);
            }
            assertTrue(qz + (1 - qa) / (alpha * (alpha - 1))
                    <= ReferenceRetrieval.psiStar(Map.ENTMAX_BISECT, alpha, z) + 1e-12);
        }
    }

    @Test
    void energyGradientIsXMinusTheUpdate() {
        // dE/dx = x - sum p xi (dot) and W^T W (x - sum p xi) (kernel): fixed points are stationary
        Random rnd = new Random(2);
        int M = 5, d = 3, D = 4;
        double[] xi = gaussian(rnd, M * d), w = gaussian(rnd, D * d), x = gaussian(rnd, d);
        ReferenceRetrieval base = ReferenceRetrieval.of(xi, M, d).beta(1.3);
        ReferenceRetrieval[] dots = {base, base.map(Map.SPARSEMAX, 0), base.map(Map.ENTMAX15, 0),
                base.map(Map.ENTMAX_BISECT, 2.5)};
        ReferenceRetrieval[] kernels = {base.kernel(w, D), base.kernel(w, D).map(Map.ENTMAX_BISECT, 1.3)};
        for (int c = 0; c < dots.length + kernels.length; c++) {
            boolean kernel = c >= dots.length;
            ReferenceRetrieval r = kernel ? kernels[c - dots.length] : dots[c];
            double[] tx = r.update(r.weights(x));
            double[] g = new double[d];
            for (int i = 0; i < d; i++) g[i] = x[i] - tx[i];
            double[] expected = kernel ? wtw(w, D, d, g) : g;
            for (int i = 0; i < d; i++) {
                double h = 1e-6;
                double[] xp = x.clone(), xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (r.energy(xp) - r.energy(xm)) / (2 * h);
                assertEquals(expected[i], fd, 1e-6, "case " + c + ", component " + i);
            }
        }
    }

    private static double[] wtw(double[] w, int D, int d, double[] g) {
        double[] wg = new double[D], out = new double[d];
        for (int k = 0; k < D; k++) for (int i = 0; i < d; i++) wg[k] += w[k * d + i] * g[i];
        for (int k = 0; k < D; k++) for (int i = 0; i < d; i++) out[i] += w[k * d + i] * wg[k];
        return out;
    }

    @Test
    void stepsStopPerQueryAtTheTolerance() {
        // query 0 is a stored pattern: one-hot sparsemax, a fixed point after one step (change 0)
        // query 1 is a mixture and keeps moving
        double[] xi = {1, 0, 0, 1};
        ReferenceRetrieval r = ReferenceRetrieval.of(xi, 2, 2).map(Map.SPARSEMAX, 0).beta(1).steps(5).eps(0);
        Result res = r.retrieve(new double[] {2, 0, 0.3, 0.2}, 2);
        assertEquals(2, res.steps()[0]);      // step 1 moves (2,0) -> (1,0); step 2 changes nothing
        assertArrayEquals(new double[] {1, 0}, res.state(0, 2), 0);
        assertTrue(res.steps()[1] >= 1);
        // eps large: every query stops after its first step
        assertArrayEquals(new int[] {1, 1}, r.eps(10).retrieve(new double[] {2, 0, 0.3, 0.2}, 2).steps());
        // zero steps: queries unchanged, the weights of the queries themselves
        Result none = r.steps(0).retrieve(new double[] {2, 0, 0.3, 0.2}, 2);
        assertArrayEquals(new double[] {2, 0, 0.3, 0.2}, none.states(), 0);
        assertArrayEquals(r.weights(new double[] {2, 0}), java.util.Arrays.copyOf(none.weights(), 2), 0);
        assertArrayEquals(none.energyBefore(), none.energyAfter(), 0);
    }

    static double[] gaussian(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextGaussian();
        return a;
    }
}
