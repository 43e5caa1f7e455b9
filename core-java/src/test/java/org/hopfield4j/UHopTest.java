package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-stage pipeline: it is stage I followed by stage II, it validates the queries before it
 * trains, and on deliberately correlated memories the learned kernel retrieves masked queries
 * better than the dot product with the same separation map.
 */
class UHopTest {
    static final int D = 150;  // pixels
    static final int M = 30;   // memories
    static final int K = 10;   // pattern-specific pixels

    /**
     * Patterns sharing most of their pixels: pattern μ is c_μ · b, a common base image b ∈ [0, 1]^d
     * at an intensity c_μ ∈ [0.6, 1], with K pattern-specific pixels set to 1; all values in [0, 1].
     *
     * <p>The intensity matters. With an identical base (c_μ = 1) the base cancels from every
     * dot-score difference ⟨ξ_μ − ξ_ν, x⟩, so the dot product only suffers from small score gaps,
     * which a kernel of the same trace cannot fix. With varying intensity the common direction b
     * dominates the dot scores (the brightest patterns win whatever the query) — the failure of the
     * dot product on correlated patterns that stage I removes: it learns to shrink W b, since all
     * normalised features share that direction.
     */
    static float[] correlatedPatterns(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] base = new double[D];
        for (int i = 0; i < D; i++) base[i] = rng.nextDouble();
        float[] xi = new float[M * D];
        for (int mu = 0; mu < M; mu++) {
            double c = 0.6 + 0.4 * rng.nextDouble();
            for (int i = 0; i < D; i++) xi[mu * D + i] = (float) (c * base[i]);
            for (int j = 0; j < K; j++) xi[mu * D + rng.nextInt(D)] = 1f;
        }
        return xi;
    }

    /** Each stored pattern as a query with every pixel zeroed independently with probability 1/2 (no rescaling). */
    static float[] masked(float[] xi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] q = new float[xi.length];
        for (int i = 0; i < xi.length; i++) q[i] = rng.nextBoolean() ? xi[i] : 0f;
        return q;
    }

    /** The paper's error: Σ over pixels of (clamp(x̂) − clamp(ξ))², averaged over the queries. */
    static double retrievalError(float[] states, float[] xi) {
        double s = 0;
        for (int i = 0; i < states.length; i++) {
            double e = clamp(states[i]) - clamp(xi[i]);
            s += e * e;
        }
        return s / (states.length / D);
    }

    private static double clamp(double v) {
        return Math.min(1, Math.max(0, v));
    }

    /**
     * Stage I with the paper's settings: SGD, constant γ = 1, 100 epochs, W_0 ~ N(0, 1). On these
     * patterns the average loss falls from about −0.4 to −4.0 and the kernel wins for every seed tried
     * (seeds 1..10: kernel / dot error 0.16–0.51 for sparsemax, 0.48–0.65 for softmax). (With
     * W_0 ~ N(0, 1/d) the same γ is √d times larger relative to W and overshoots: the features collapse
     * and the kernel loses to the dot product for 8 of 10 seeds.)
     */
    static KernelTrainer trainer(long seed) {
        return KernelTrainer.builder().epochs(100).learningRate(1).seed(seed).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void learnedKernelBeatsTheDotProductOnCorrelatedPatterns(long seed) {
        float[] xi = correlatedPatterns(seed);
        float[] queries = masked(xi, seed);
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            LearnedKernel kernel = null;
            for (Separation map : List.of(Separation.sparsemax(), Separation.softmax())) {
                UHop uhop = UHop.builder().trainer(trainer(seed)).map(map).beta(1).steps(1).eps(0).build();
                UHopResult r = uhop.retrieve(store, queries, M);
                if (kernel != null) {   // the same trainer learns the same W
                    assertArrayEquals(kernel.featureMap(), r.kernel().featureMap());
                }
                kernel = r.kernel();
                double[] losses = kernel.lossHistory();
                assertTrue(losses[losses.length - 1] < losses[0] - 1,
                        "stage I must separate the patterns: " + Arrays.toString(losses));

                double dotError;
                try (Retriever dot = Retriever.builder(store).map(map).beta(1).steps(1).eps(0).build()) {
                    dotError = retrievalError(dot.retrieve(queries, M).floatStates(), xi);
                }
                double kernelError = retrievalError(r.retrieval().floatStates(), xi);
                assertTrue(kernelError <= 0.8 * dotError, String.format(
                        "seed %d, %s: U-Hop error %.4f must be at least 20%% below the dot-product error %.4f",
                        seed, map.name(), kernelError, dotError));
            }
        }
    }

    @Test
    void isStageOneThenStageTwoWithTheKernelSimilarity() {
        float[] xi = correlatedPatterns(7);
        float[] queries = masked(xi, 7);
        KernelTrainer trainer = KernelTrainer.builder().epochs(5).learningRate(0.05).seed(7).build();
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            UHopResult r = UHop.builder().trainer(trainer).map(Separation.entmax15()).beta(0.5).steps(3).eps(1e-4)
                    .recordWeights(true).recordEnergies(true).build().retrieve(store, queries, M);

            LearnedKernel kernel = trainer.train(store);
            assertArrayEquals(kernel.featureMap(), r.kernel().featureMap());
            assertArrayEquals(kernel.lossHistory(), r.kernel().lossHistory());
            try (Retriever manual = Retriever.builder(store).map(Separation.entmax15()).beta(0.5).steps(3).eps(1e-4)
                    .similarity(kernel.similarity()).recordWeights(true).recordEnergies(true).build()) {
                Retrieval expected = manual.retrieve(queries, M);
                assertArrayEquals(expected.floatStates(), r.retrieval().floatStates());
                assertArrayEquals(expected.steps(), r.retrieval().steps());
                assertArrayEquals(expected.energyBefore(), r.retrieval().energyBefore());
                assertArrayEquals(expected.weights().values(), r.retrieval().weights().values());
            }
        }
    }

    @Test
    void float64StoresWork() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 8, d = 6;
        double[] xi = new double[m * d];
        for (int i = 0; i < xi.length; i++) xi[i] = rng.nextDouble();
        try (MemoryStore store = MemoryStore.ofDouble(xi, m, d)) {
            UHopResult r = UHop.builder().trainer(KernelTrainer.builder().epochs(3).learningRate(0.05).build())
                    .build().retrieve(store, xi.clone(), m);
            assertEquals(Precision.FLOAT64, r.retrieval().precision());
            assertEquals(m, r.retrieval().batchSize());
            assertEquals(4, r.kernel().lossHistory().length);
        }
    }

    @Test
    void defaultsAreThePapers() {
        UHop uhop = UHop.builder().build();
        assertEquals("sparsemax", uhop.map().name());
        assertEquals(1.0, uhop.beta());
        assertEquals(1, uhop.steps());
        assertEquals(0.0, uhop.eps());
        assertEquals(1e-4, UHop.builder().eps(1e-4).build().eps());
        assertEquals(SeparationLoss.AVG, uhop.trainer().training().loss());
        assertEquals(1.0, uhop.trainer().training().learningRate());
    }

    @Test
    void badQueriesFailBeforeTraining() {
        KernelTrainer.Progress never = (epoch, epochs, loss, minD2, lr) -> fail("training must not start");
        UHop uhop = UHop.builder().trainer(KernelTrainer.builder().epochs(3).progress(never).build()).build();
        float[] xi = correlatedPatterns(1);
        try (MemoryStore store = MemoryStore.ofFloat(xi, M, D)) {
            assertThrows(IllegalArgumentException.class, () -> uhop.retrieve(store, new float[D + 1], 1));
            assertThrows(IllegalArgumentException.class, () -> uhop.retrieve(store, new float[D], -1));
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                    () -> uhop.retrieve(store, new double[D], 1));
            assertTrue(mismatch.getMessage().endsWith("; pass float[] queries"), mismatch.getMessage());
            float[] nan = new float[D];
            nan[3] = Float.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> uhop.retrieve(store, nan, 1));
            assertTrue(e.getMessage().contains("column 3"), e.getMessage());
            assertThrows(NullPointerException.class, () -> uhop.retrieve(store, (float[]) null, 1));
            assertThrows(NullPointerException.class, () -> uhop.retrieve(null, new float[D], 1));
        }
        try (MemoryStore store64 = MemoryStore.ofDouble(widen(xi), M, D)) {
            double[] nan = new double[D];
            nan[2] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> uhop.retrieve(store64, nan, 1));
            assertTrue(e.getMessage().contains("column 2"), e.getMessage());
        }
        MemoryStore closed = MemoryStore.ofFloat(xi, M, D);
        closed.close();
        assertThrows(IllegalStateException.class, () -> uhop.retrieve(closed, new float[D], 1));
    }

    @Test
    void builderRejectsBadSettings() {
        UHop.Builder b = UHop.builder();
        assertThrows(IllegalArgumentException.class, () -> b.beta(0));
        assertThrows(IllegalArgumentException.class, () -> b.beta(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.steps(-1));
        assertThrows(IllegalArgumentException.class, () -> b.eps(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> b.map(Separation.entmaxPerRow(1.5, 2)));
        assertThrows(NullPointerException.class, () -> b.map(null));
        assertThrows(NullPointerException.class, () -> b.trainer(null));
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
