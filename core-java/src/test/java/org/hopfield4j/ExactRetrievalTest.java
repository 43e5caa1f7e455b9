package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Well-separated patterns are fixed points retrieved exactly (one-hot weights) by sparsemax, and by
 * α-entmax, at a β derived from the separation condition (U-Hop Theorem 2.2): α-entmax of β·s is
 * one-hot at μ when (α − 1) β (s_μμ − max_{ν≠μ} s_μν) ≥ 1. Softmax never is.
 */
class ExactRetrievalTest {

    /** M random ±1 patterns in dimension d. */
    static double[] signs(Random rnd, int M, int d) {
        double[] xi = new double[M * d];
        for (int i = 0; i < xi.length; i++) xi[i] = rnd.nextBoolean() ? 1 : -1;
        return xi;
    }

    /** The first M rows of the Sylvester–Hadamard matrix of order d (a power of 2): orthogonal ±1 patterns. */
    static double[] hadamard(int M, int d) {
        double[] xi = new double[M * d];
        for (int r = 0; r < M; r++) {
            for (int c = 0; c < d; c++) xi[r * d + c] = Integer.bitCount(r & c) % 2 == 0 ? 1 : -1;
        }
        return xi;
    }

    /** Δ = min_μ (s_μμ − max_{ν≠μ} s_μν) with the dot similarity, computed from the data. */
    static double separation(double[] xi, int M, int d) {
        double gap = Double.POSITIVE_INFINITY;
        for (int mu = 0; mu < M; mu++) {
            double self = dot(xi, mu, xi, mu, d), other = Double.NEGATIVE_INFINITY;
            for (int nu = 0; nu < M; nu++) if (nu != mu) other = Math.max(other, dot(xi, mu, xi, nu, d));
            gap = Math.min(gap, self - other);
        }
        return gap;
    }

    static double dot(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) s += a[i * d + k] * b[j * d + k];
        return s;
    }

    @Test
    void randomSignPatternsAreRetrievedExactly() {
        int M = 200, d = 256;
        double[] xi = signs(new Random(5), M, d);
        double gap = separation(xi, M, d);
        assertTrue(gap > 0, "random sign patterns in d = 256 are separated");
        checkExact(xi, M, d, gap);
    }

    @Test
    void orthogonalPatternsAreRetrievedExactly() {
        int M = 64, d = 128;
        double[] xi = hadamard(M, d);
        double gap = separation(xi, M, d);
        assertEquals(128, gap);
        checkExact(xi, M, d, gap);
    }

    private static void checkExact(double[] xi, int M, int d, double gap) {
        for (Precision precision : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(precision, xi, M, d)) {
                for (Separation map : new Separation[] {Separation.sparsemax(), Separation.entmax15(), Separation.entmax(2.5)}) {
                    double beta = 1.01 / ((map.alpha() - 1) * gap);   // just past the separation condition
                    try (Retriever r = Retriever.builder(store).map(map).beta(beta).steps(5).eps(0)
                            .recordWeights(true).recordEnergies(true).build()) {
                        Retrieval got = RetrievalFixtures.retrieve(r, xi, M);
                        SparseWeights w = got.weights();
                        for (int mu = 0; mu < M; mu++) {
                            String what = map.name() + " " + precision + " pattern " + mu;
                            assertArrayEquals(new int[] {mu}, w.rowIndices(mu), what + ": one-hot weights");
                            assertEquals(1.0, w.rowValues(mu)[0], 0.0, what);
                            assertArrayEquals(store.pattern(mu), got.state(mu), 0.0, what + ": retrieved exactly");
                            assertEquals(1, got.steps(mu), what + ": a fixed point stops after one step");
                            assertEquals(got.energyBefore()[mu], got.energyAfter()[mu], 1e-12 * M * d, what);
                        }
                    }
                }
                // softmax at the same temperature (and a much colder one) is never exactly one-hot
                for (double beta : new double[] {1.01 / gap, 10 / gap}) {
                    try (Retriever r = Retriever.builder(store).map(Separation.softmax()).beta(beta)
                            .recordWeights(true).build()) {
                        Retrieval got = RetrievalFixtures.retrieve(r, xi, M);
                        for (int mu = 0; mu < M; mu++) {
                            double[] p = got.weights().denseRow(mu);
                            int positive = 0;
                            for (double v : p) if (v > 0) positive++;
                            assertTrue(positive > 1, "softmax row " + mu + " has " + positive + " positive weights");
                            assertTrue(p[mu] < 1);
                            assertFalse(java.util.Arrays.equals(store.pattern(mu), got.state(mu)),
                                    "softmax does not retrieve pattern " + mu + " exactly");
                        }
                    }
                }
            }
        }
    }

    @Test
    void belowTheSeparationConditionSparsemaxMixes() {
        // the condition is sharp for a pair at the minimum gap: at beta < 1/gap both get weight
        double[] xi = {1, 0, 0.6, 0.8};   // s_11 = 1, s_12 = 0.6: gap 0.4
        try (MemoryStore store = MemoryStore.ofDouble(xi, 2, 2);
             Retriever cold = Retriever.builder(store).map(Separation.sparsemax()).beta(1.01 / 0.4)
                     .recordWeights(true).build();
             Retriever warm = Retriever.builder(store).map(Separation.sparsemax()).beta(0.99 / 0.4)
                     .recordWeights(true).build()) {
            assertEquals(1, cold.retrieve(new double[] {1, 0}, 1).weights().rowSize(0));
            Retrieval mixed = warm.retrieve(new double[] {1, 0}, 1);
            assertEquals(2, mixed.weights().rowSize(0));
            assertNotEquals(1.0, mixed.state(0)[0]);
        }
    }
}
