package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.hopfield4j.io.Npy;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedKernelTest {
    @TempDir
    Path dir;

    @Test
    void npyRoundTripKeepsWOnly() throws Exception {
        try (MemoryStore store = KernelTrainerTest.randomStore(1, 8, 5, false)) {
            LearnedKernel k = KernelTrainer.builder().epochs(3).featureDimension(6).seed(2).build().train(store);
            assertEquals(SeparationLoss.AVG, k.loss());
            assertEquals(2.0, k.t());
            assertTrue(k.normalizedFeatures());
            Path file = dir.resolve("w.npy");
            k.saveNpy(file);
            assertArrayEquals(k.featureMap(), Npy.read(file).doubleData(), 0.0);   // a plain float64 .npy
            LearnedKernel back = LearnedKernel.load(file);
            assertArrayEquals(k.featureMap(), back.featureMap(), 0.0);
            assertEquals(6, back.featureDimension());
            assertEquals(5, back.inputDimension());
            assertEquals(0, back.lossHistory().length);
            assertTrue(back.training().isEmpty());
            assertNull(back.loss());
            // float32 files load too
            Npy.write(dir.resolve("w32.npy"), new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, LearnedKernel.load(dir.resolve("w32.npy")).featureMap());
            Npy.write(dir.resolve("v.npy"), new double[] {1, 2, 3}, 3);
            Throwable e = assertThrows(LearnedKernelFormatException.class, () -> LearnedKernel.load(dir.resolve("v.npy")));
            assertTrue(e.getMessage().contains("2-D"), e.getMessage());
        }
    }

    @Test
    void keysAreXiWtW() {
        SplittableRandom rng = new SplittableRandom(3);
        int M = 9, d = 4, D = 6;
        double[] xi = SeparationLossTest.gaussian(rng, M * d, 1.0);
        double[] w = SeparationLossTest.gaussian(rng, D * d, 0.5);
        LearnedKernel k = LearnedKernel.of(w, D, d);
        double[] expected = new double[M * d];
        for (int mu = 0; mu < M; mu++) {
            double[] f = k.features(java.util.Arrays.copyOfRange(xi, mu * d, (mu + 1) * d));
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < D; i++) s += w[i * d + j] * f[i];
                expected[mu * d + j] = s;
            }
        }
        try (MemoryStore s64 = MemoryStore.ofDouble(xi, M, d);
             MemoryStore s32 = MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d)) {
            double[] a = k.keys(s64);
            for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], 1e-12);
            double[] a32 = k.keys(s32);
            for (int i = 0; i < a.length; i++) assertEquals(expected[i], a32[i], 1e-4 * Math.max(1, Math.abs(expected[i])));
            Similarity sim = k.similarity(s64);
            assertTrue(sim.hasPrecomputedKeys());
            assertEquals(M, sim.keyCount());
            assertEquals(Similarity.Kind.KERNEL, k.similarity().kind());
            assertEquals(D, k.similarity().featureDimension());
        }
    }

    @Test
    void kernelRetrievalUsesTheLearnedW() {
        SplittableRandom rng = new SplittableRandom(4);
        int M = 12, d = 6;
        double[] xi = SeparationLossTest.gaussian(rng, M * d, 1.0);
        try (MemoryStore store = MemoryStore.ofDouble(xi, M, d)) {
            LearnedKernel k = KernelTrainer.builder().epochs(5).learningRate(0.5).seed(1).build().train(store);
            double[] q = java.util.Arrays.copyOf(xi, 2 * d);
            try (Retriever viaW = k.retriever(store).map(Separation.softmax()).build();
                 Retriever viaKeys = Retriever.builder(store).map(Separation.softmax()).similarity(k.similarity(store)).build()) {
                double[] a = viaW.retrieve(q, 2).doubleStates(), b = viaKeys.retrieve(q, 2).doubleStates();
                assertArrayEquals(a, b, 1e-12);
            }
        }
    }

    @Test
    void invalidKernelsAndStoresAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearnedKernel.of(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> LearnedKernel.of(new double[] {1, Double.NaN}, 1, 2));
        assertThrows(NullPointerException.class, () -> LearnedKernel.of(null, 1, 2));
        LearnedKernel k = LearnedKernel.of(new double[] {1, 0, 0, 1}, 2, 2);
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            Throwable e = assertThrows(IllegalArgumentException.class, () -> k.keys(store));
            assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> k.retriever(store));
        }
        MemoryStore closed = MemoryStore.ofDouble(new double[] {1, 2}, 1, 2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> k.keys(closed));
        assertThrows(IllegalArgumentException.class, () -> k.features(new double[3]));
    }
}
