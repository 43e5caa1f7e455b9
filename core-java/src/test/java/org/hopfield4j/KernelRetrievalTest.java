package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.Test;

/** The kernel hook: keys A = Ξ WᵀW computed natively from W, or given; both retrieve alike. */
class KernelRetrievalTest {

    /** A = Ξ WᵀW in plain Java. */
    static double[] keys(double[] xi, int M, int d, double[] w, int D) {
        double[] a = new double[M * d];
        double[] f = new double[D];
        for (int mu = 0; mu < M; mu++) {
            for (int k = 0; k < D; k++) {
                double s = 0;
                for (int i = 0; i < d; i++) s += w[k * d + i] * xi[mu * d + i];
                f[k] = s;
            }
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int k = 0; k < D; k++) s += f[k] * w[k * d + i];
                a[mu * d + i] = s;
            }
        }
        return a;
    }

    @Test
    void keysFromWEqualGivenKeys() {
        // M large enough that A is computed in two chunks of rows (KernelKeys.CHUNK_ELEMENTS / D rows each)
        int d = 4, D = 64, M = KernelKeys.CHUNK_ELEMENTS / D + 4464, B = 6;
        Random rnd = new Random(41);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        double[] w = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, D * d, 1 / Math.sqrt(D)));
        double[] q = RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.2);
        // the last pattern, scaled by 8 (exactly) to dominate its own scores, is query 0: its key is of the second chunk
        for (int i = (M - 1) * d; i < M * d; i++) xi[i] *= 8;
        System.arraycopy(xi, (M - 1) * d, q, 0, d);
        double[] a = keys(xi, M, d, w, D);
        for (Precision p : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(p, xi, M, d)) {
                long before = NativeCalls.count();
                Retriever fromW = Retriever.builder(store).map(Separation.sparsemax()).beta(4).steps(2)
                        .similarity(Similarity.kernel(w, D, d)).recordWeights(true).recordEnergies(true).build();
                assertEquals(4, NativeCalls.count() - before, "two chunks, two matrix products each");
                try (fromW;
                     Retriever given = Retriever.builder(store).map(Separation.sparsemax()).beta(4).steps(2)
                             .similarity(Similarity.kernelKeys(a, M, d, w, D)).recordWeights(true)
                             .recordEnergies(true).build()) {
                    Retrieval x = RetrievalFixtures.retrieve(fromW, q, B), y = RetrievalFixtures.retrieve(given, q, B);
                    double tol = p == Precision.FLOAT32 ? 1e-4 : 1e-11;
                    assertClose(RetrievalFixtures.states(y), RetrievalFixtures.states(x), tol, p + " states");
                    assertClose(RetrievalFixtures.dense(y.weights()), RetrievalFixtures.dense(x.weights()), tol, p + " weights");
                    assertClose(y.energyAfter(), x.energyAfter(), tol, p + " energies");
                }
                assertTrue(fromW.ownedMemoryFreed(), "close frees the keys");
            }
        }
    }

    @Test
    void keysWithoutWRetrieveButHaveNoEnergy() {
        double[] xi = {1, 0, 0, 1, 1, 1};
        double[] w = {2, 0, 0, 1};                       // K(xi, x) = 4 xi_1 x_1 + xi_2 x_2
        try (MemoryStore store = MemoryStore.ofDouble(xi, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax())
                     .similarity(Similarity.kernelKeys(keys(xi, 3, 2, w, 2), 3, 2)).build();
             Retriever withW = Retriever.builder(store).map(Separation.softmax())
                     .similarity(Similarity.kernel(w, 2, 2)).build()) {
            assertFalse(r.hasEnergy());
            assertTrue(withW.hasEnergy());
            assertArrayEquals(withW.retrieve(new double[] {0.3, 0.9}, 1).doubleStates(),
                    r.retrieve(new double[] {0.3, 0.9}, 1).doubleStates(), 1e-15);
            assertThrows(IllegalStateException.class, () -> r.energy(new double[] {1, 1}, 1));
            // E_K(x) = 1/2 |W x|^2 - log sum exp(K(xi, x)) at x = (1, 0): |Wx|^2 = 4, K = (4, 0, 4)
            double expected = 2 - Math.log(2 * Math.exp(4) + 1);
            assertEquals(expected, withW.energy(new double[] {1, 0}, 1)[0], 1e-13);
        }
    }

    @Test
    void featureMapAccessorsCopy() {
        Similarity k = Similarity.kernel(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Similarity.Kind.KERNEL, k.kind());
        assertEquals(2, k.featureDimension());
        assertEquals(3, k.inputDimension());
        double[] w = k.featureMap();
        w[0] = 99;
        assertEquals(1, k.featureMap()[0]);
        assertEquals("kernel(2 x 3)", k.name());
        assertEquals("kernel-keys(4 x 3)", Similarity.kernelKeys(new double[12], 4, 3).name());
        assertEquals("Similarity.kernel-keys(4 x 3, W 2 x 3)",
                Similarity.kernelKeys(new double[12], 4, 3, new double[] {1, 2, 3, 4, 5, 6}, 2).toString());
        Similarity fromNpy = Similarity.kernel(org.hopfield4j.io.NpyArray.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertEquals("kernel(2 x 3)", fromNpy.name());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, fromNpy.featureMap());
        assertThrows(IllegalArgumentException.class,
                () -> Similarity.kernel(org.hopfield4j.io.NpyArray.ofDouble(new double[] {1, 2, 3}, 3)));
        Similarity floatKeys = Similarity.kernelKeys(new float[12], 4, 3, new float[] {1, 2, 3, 4, 5, 6}, 2);
        assertEquals("kernel-keys(4 x 3, W 2 x 3)", floatKeys.name());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, floatKeys.featureMap());
        assertEquals(Similarity.negativeL2(), Similarity.named("L2"));
        assertThrows(IllegalArgumentException.class, () -> Similarity.named("hamming"));
    }
}
