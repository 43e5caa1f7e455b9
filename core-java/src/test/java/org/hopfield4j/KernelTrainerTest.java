package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

class KernelTrainerTest {
    static MemoryStore randomStore(long seed, int M, int d, boolean f32) {
        double[] xi = SeparationLossTest.gaussian(new SplittableRandom(seed), M * d, 1.0);
        return f32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d) : MemoryStore.ofDouble(xi, M, d);
    }

    /** Patterns sharing most of their coordinates: a common base plus a little individual noise. */
    static MemoryStore correlatedStore(long seed, int M, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] base = SeparationLossTest.gaussian(rng, d, 1.0);
        double[] xi = new double[M * d];
        double[] noise = SeparationLossTest.gaussian(rng, M * d, 0.2);
        for (int mu = 0; mu < M; mu++) {
            for (int j = 0; j < d; j++) xi[mu * d + j] = base[j] + noise[mu * d + j];
        }
        return MemoryStore.ofDouble(xi, M, d);
    }

    @Test
    void averageLossDecreasesMonotonicallyWithASmallConstantStep() {
        for (boolean f32 : new boolean[] {false, true}) {
            for (boolean normalize : new boolean[] {true, false}) {
                try (MemoryStore store = randomStore(1, 24, 8, f32)) {
                    LearnedKernel k = KernelTrainer.builder()
                            .loss(SeparationLoss.AVG).epochs(60).learningRate(normalize ? 0.05 : 0.005)
                            .normalizeFeatures(normalize).seed(3).build().train(store);
                    double[] h = k.lossHistory();
                    assertEquals(61, h.length);
                    String what = (f32 ? "float32" : "float64") + " normalize=" + normalize + " " + Arrays.toString(h);
                    for (int i = 1; i < h.length; i++) {
                        assertTrue(h[i] < h[i - 1], what + ": loss rose at epoch " + i);
                    }
                    assertTrue(h[h.length - 1] < h[0] - 1e-3, what + ": the loss must actually fall");
                }
            }
        }
    }

    @Test
    void maxLossPushesTheClosestPairApart() {
        try (MemoryStore store = correlatedStore(2, 16, 10)) {
            LearnedKernel k = KernelTrainer.builder().loss(SeparationLoss.MAX).epochs(80).learningRate(0.05)
                    .initScale(1 / Math.sqrt(10)).seed(1).build().train(store);
            double[] min = k.minDistanceHistory();
            double[] loss = k.lossHistory();
            assertEquals(81, min.length);
            // A subgradient step on the closest pair only: small steps grow it geometrically (~0.6% per
            // epoch here); large ones make the max loss jump between pairs.
            assertTrue(min[80] > 1.4 * min[0], "min d2 should grow: " + min[0] + " -> " + min[80]);
            for (int i = 10; i <= 80; i += 10) {
                assertTrue(min[i] > min[i - 10], "min d2 should keep growing: " + min[i - 10] + " -> " + min[i]);
            }
            assertEquals(-2 * min[80], loss[80], 1e-12, "the max loss is -t min d2");
            // and on the trained W, evaluated independently:
            SeparationLoss.Evaluation before = SeparationLoss.MAX.evaluate(
                    KernelTrainer.gaussian(10, 10, 1, 1 / Math.sqrt(10)), 10, store, 2, true);
            assertEquals(min[0], before.minDistance2(), 1e-12);
        }
    }

    @Test
    void deepLearningLossAndAdamTrain() {
        try (MemoryStore store = correlatedStore(4, 20, 6)) {
            for (KernelTrainer.Optimizer opt : KernelTrainer.Optimizer.values()) {
                for (SeparationLoss loss : SeparationLoss.values()) {
                    LearnedKernel k = KernelTrainer.builder().loss(loss).optimizer(opt).epochs(30)
                            .learningRate(opt == KernelTrainer.Optimizer.ADAM ? 0.01 : 0.05).seed(9).build().train(store);
                    double[] h = k.lossHistory();
                    assertTrue(h[30] < h[0], loss + " " + opt + ": " + h[0] + " -> " + h[30]);
                }
            }
        }
    }

    @Test
    void seededInitialisationIsReproducibleAndScaled() {
        double[] a = KernelTrainer.gaussian(50, 40, 42, 0.5);
        assertArrayEquals(a, KernelTrainer.gaussian(50, 40, 42, 0.5));
        assertFalse(Arrays.equals(a, KernelTrainer.gaussian(50, 40, 43, 0.5)));
        double mean = Arrays.stream(a).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum() / a.length);
        assertEquals(0, mean, 0.03);
        assertEquals(0.5, sd, 0.02);
        try (MemoryStore store = randomStore(5, 6, 9, false)) {
            KernelTrainer t = KernelTrainer.builder().epochs(3).seed(42).build();
            assertArrayEquals(t.train(store).featureMap(), t.train(store).featureMap());
        }
    }

    @Test
    void zeroEpochsKeepsTheInitialisationAndNormalisesRows() {
        try (MemoryStore store = randomStore(6, 5, 4, false)) {
            LearnedKernel raw = KernelTrainer.builder().epochs(0).normalizeRows(false).featureDimension(7).seed(2)
                    .build().train(store);
            assertEquals(7, raw.featureDimension());
            assertEquals(4, raw.inputDimension());
            assertArrayEquals(KernelTrainer.gaussian(7, 4, 2, 1.0), raw.featureMap(), "default init: N(0, 1)");
            assertEquals(1, raw.lossHistory().length);
            assertFalse(raw.rowNormalized());
            LearnedKernel unit = KernelTrainer.builder().epochs(0).featureDimension(7).seed(2).build().train(store);
            assertTrue(unit.rowNormalized());
            double[] w = unit.featureMap(), w0 = raw.featureMap();
            for (int r = 0; r < 7; r++) {
                double n = 0, n0 = 0;
                for (int j = 0; j < 4; j++) {
                    n += w[r * 4 + j] * w[r * 4 + j];
                    n0 += w0[r * 4 + j] * w0[r * 4 + j];
                }
                assertEquals(1, n, 1e-14);
                for (int j = 0; j < 4; j++) assertEquals(w0[r * 4 + j] / Math.sqrt(n0), w[r * 4 + j], 1e-15);
            }
        }
    }

    @Test
    void trainingOnASubsetEqualsTrainingOnAStoreOfThoseRows() {
        double[] xi = SeparationLossTest.gaussian(new SplittableRandom(7), 10 * 5, 1.0);
        try (MemoryStore all = MemoryStore.ofDouble(xi, 10, 5);
             MemoryStore half = MemoryStore.ofDouble(Arrays.copyOf(xi, 25), 5, 5);
             MemoryStore picked = MemoryStore.ofDouble(concat(xi, 5, 8, 1, 3), 3, 5)) {
            KernelTrainer.Builder b = KernelTrainer.builder().epochs(5).learningRate(0.3).seed(4);
            double[] expected = b.build().train(half).featureMap();
            assertArrayEquals(expected, b.firstHalf().build().train(all).featureMap(), 0.0);
            assertArrayEquals(expected, b.rows(0, 5).build().train(all).featureMap(), 0.0);
            assertArrayEquals(b.rows(RowSelection.all()).build().train(picked).featureMap(),
                    b.indices(8, 1, 3).build().train(all).featureMap(), 0.0);
        }
    }

    @Test
    void theTrainerHoldsItsSettingsOnceAndToBuilderDerivesFromThem() {
        KernelTrainer trainer = KernelTrainer.builder().loss(SeparationLoss.MAX).t(3).epochs(4).learningRate(0.2)
                .schedule(KernelTrainer.Schedule.INV_SQRT).optimizer(KernelTrainer.Optimizer.ADAM).adam(0.8, 0.99, 1e-6)
                .seed(11).initScale(0.5).normalizeFeatures(false).normalizeRows(false).firstHalf().build();
        KernelTraining s = trainer.training();
        assertEquals(new KernelTraining(SeparationLoss.MAX, 3, 4, 0.2, KernelTrainer.Schedule.INV_SQRT,
                KernelTrainer.Optimizer.ADAM, 0.8, 0.99, 1e-6, java.util.OptionalLong.of(11), 0.5, false, false), s);
        assertEquals(RowSelection.firstHalf(), trainer.rows());
        assertEquals(s, trainer.toBuilder().build().training());
        KernelTrainer reseeded = trainer.toBuilder().seed(12).build();
        assertEquals(java.util.OptionalLong.of(12), reseeded.training().seed());
        assertEquals(RowSelection.firstHalf(), reseeded.rows());
        try (MemoryStore store = randomStore(3, 8, 4, false)) {
            LearnedKernel a = trainer.train(store), b = trainer.toBuilder().build().train(store);
            assertArrayEquals(a.featureMap(), b.featureMap(), 0.0);
            assertEquals(s, a.training().orElseThrow());
            assertFalse(Arrays.equals(a.featureMap(), reseeded.train(store).featureMap()));
            // from a given W_0 the kernel records no seed and no sigma: they did not make it
            KernelTraining given = trainer.train(store, a.featureMap(), 4).training().orElseThrow();
            assertTrue(given.seed().isEmpty() && Double.isNaN(given.initScale()), given.toString());
        }
    }

    @Test
    void rowSelectionsKnowTheStoreSizeTheyNeed() {
        assertEquals(2, RowSelection.all().minimumMemories());
        assertEquals(4, RowSelection.firstHalf().minimumMemories());
        assertEquals(7, RowSelection.range(3, 7).minimumMemories());
        assertEquals(10, RowSelection.indices(9, 0).minimumMemories());
        assertEquals(RowSelection.range(1, 3), RowSelection.range(1, 3));
        assertEquals(RowSelection.indices(2, 5), RowSelection.indices(2, 5));
        assertEquals(RowSelection.range(1, 3).hashCode(), RowSelection.range(1, 3).hashCode());
        assertNotEquals(RowSelection.range(1, 3), RowSelection.range(1, 4));
        assertNotEquals(RowSelection.range(1, 3), RowSelection.indices(1, 2));
        assertNotEquals(RowSelection.indices(2, 5), RowSelection.indices(5, 2));   // the copied rows' order matters
        assertEquals("all memories (paper)", RowSelection.all().describe());
        assertEquals("the first half of the memories (authors' code)", RowSelection.firstHalf().describe());
        assertEquals("rows [3, 7)", RowSelection.range(3, 7).describe());
        assertThrows(IllegalArgumentException.class, () -> RowSelection.range(2, 3));
        assertThrows(IllegalArgumentException.class, () -> RowSelection.indices(4));
    }

    private static double[] concat(double[] xi, int d, int... rows) {
        double[] out = new double[rows.length * d];
        for (int k = 0; k < rows.length; k++) System.arraycopy(xi, rows[k] * d, out, k * d, d);
        return out;
    }

    @Test
    void schedulesAndProgress() {
        assertArrayEquals(new double[] {2, 2, 2}, KernelTrainer.builder().learningRate(2).epochs(3).build().training().learningRates());
        assertArrayEquals(new double[] {2, 2 / Math.sqrt(2), 2 / Math.sqrt(3)},
                KernelTrainer.builder().learningRate(2).epochs(3).schedule(KernelTrainer.Schedule.INV_SQRT).build()
                        .training().learningRates(), 1e-15);
        assertArrayEquals(new double[] {2, 2 / Math.sqrt(2), 2 / Math.sqrt(6), 2 / Math.sqrt(24)},
                KernelTrainer.builder().learningRate(2).epochs(4).schedule(KernelTrainer.Schedule.CUMULATIVE).build()
                        .training().learningRates(), 1e-15);
        assertSame(KernelTrainer.Schedule.INV_SQRT, KernelTrainer.Schedule.named("sqrt"));
        assertSame(KernelTrainer.Schedule.CUMULATIVE, KernelTrainer.Schedule.named("Cumulative"));
        assertThrows(IllegalArgumentException.class, () -> KernelTrainer.Schedule.named("cosine"));
        for (KernelTrainer.Schedule s : KernelTrainer.Schedule.values()) {
            assertSame(s, KernelTrainer.Schedule.named(s.label()), "the label names its schedule: " + s.label());
        }
        KernelTrainer chosen = KernelTrainer.builder().indices(4, 1).build();
        assertEquals("KernelTrainer[" + chosen.training() + ", rows=2 chosen memories]", chosen.toString());

        List<double[]> seen = new ArrayList<>();
        KernelTrainer trainer = KernelTrainer.builder().epochs(4).learningRate(0.5)
                .schedule(KernelTrainer.Schedule.CUMULATIVE)
                .progress((epoch, epochs, loss, min, rate) -> seen.add(new double[] {epoch, epochs, loss, min, rate}))
                .build();
        try (MemoryStore store = randomStore(8, 6, 3, false)) {
            LearnedKernel k = trainer.train(store);
            double[] rates = trainer.training().learningRates();
            assertEquals(4, seen.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(i + 1, seen.get(i)[0]);
                assertEquals(4, seen.get(i)[1]);
                assertEquals(k.lossHistory()[i], seen.get(i)[2]);
                assertEquals(k.minDistanceHistory()[i], seen.get(i)[3]);
                assertEquals(rates[i], seen.get(i)[4]);
            }
            KernelTrainer aborting = KernelTrainer.builder().epochs(10).progress((e, n, l, m, r) -> {
                if (e == 2) throw new IllegalStateException("stop");
            }).build();
            assertEquals("stop", assertThrows(IllegalStateException.class, () -> aborting.train(store)).getMessage());
        }
    }

    @Test
    void trainingOnAFloat32StoreMatchesFloat64Closely() {
        double[] xi = RetrievalFixtures.floatRounded(SeparationLossTest.gaussian(new SplittableRandom(12), 12 * 6, 1.0));
        try (MemoryStore s32 = MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), 12, 6);
             MemoryStore s64 = MemoryStore.ofDouble(xi, 12, 6)) {
            KernelTrainer t = KernelTrainer.builder().epochs(10).learningRate(0.5).seed(1).build();
            double[] a = t.train(s32).featureMap(), b = t.train(s64).featureMap();
            for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-4);
        }
    }

    @Test
    void divergenceIsReported() {
        try (MemoryStore store = randomStore(9, 8, 4, false)) {
            KernelTrainer t = KernelTrainer.builder().epochs(50).learningRate(1e300).normalizeFeatures(false).build();
            Throwable e = assertThrows(IllegalStateException.class, () -> t.train(store));
            assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        assertRejectedBeforeNative(IllegalArgumentException.class, "epochs must be >= 0", () -> KernelTrainer.builder().epochs(-1));
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejectedBeforeNative(IllegalArgumentException.class, "learning rate must be finite and > 0",
                    () -> KernelTrainer.builder().learningRate(lr));
        }
        assertRejectedBeforeNative(IllegalArgumentException.class, "t must be finite and > 0", () -> KernelTrainer.builder().t(0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "feature dimension D must be >= 1", () -> KernelTrainer.builder().featureDimension(0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "init scale", () -> KernelTrainer.builder().initScale(-1));
        assertRejectedBeforeNative(IllegalArgumentException.class, "beta1", () -> KernelTrainer.builder().adam(1, 0.9, 1e-8));
        assertRejectedBeforeNative(IllegalArgumentException.class, "beta2", () -> KernelTrainer.builder().adam(0.9, -0.1, 1e-8));
        assertRejectedBeforeNative(IllegalArgumentException.class, "Adam eps", () -> KernelTrainer.builder().adam(0.9, 0.99, 0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "at least 2", () -> KernelTrainer.builder().rows(3, 4));
        assertRejectedBeforeNative(IllegalArgumentException.class, "at least 2", () -> KernelTrainer.builder().indices(1));
        assertRejectedBeforeNative(NullPointerException.class, "loss", () -> KernelTrainer.builder().loss(null));

        try (MemoryStore store = randomStore(10, 3, 4, false)) {
            KernelTrainer t = KernelTrainer.builder().epochs(2).build();
            assertRejectedBeforeNative(NullPointerException.class, "store", () -> t.train(null));
            assertRejectedBeforeNative(IllegalArgumentException.class, "initialW has length 3, expected 8", () -> t.train(store, new double[3], 2));
            assertRejectedBeforeNative(IllegalArgumentException.class, "initialW has NaN",
                    () -> t.train(store, new double[] {1, 0, 0, 0, 0, Double.NaN, 0, 0}, 2));
            assertRejectedBeforeNative(IllegalArgumentException.class, "needs M >= 2, got M = 1",
                    () -> KernelTrainer.builder().firstHalf().build().train(store));
            assertRejectedBeforeNative(IllegalArgumentException.class, "must lie within [0, M)",
                    () -> KernelTrainer.builder().rows(1, 5).build().train(store));
            assertRejectedBeforeNative(IllegalArgumentException.class, "repeats a row",
                    () -> KernelTrainer.builder().indices(0, 1, 1).build().train(store));
            assertRejectedBeforeNative(IllegalArgumentException.class, "not a row",
                    () -> KernelTrainer.builder().indices(0, 3).build().train(store));
            assertRejectedBeforeNative(IllegalArgumentException.class, "W is too large",
                    () -> KernelTrainer.builder().normalizeFeatures(false).build()
                            .train(store, new double[] {1e300, 0, 0, 0, 0, 1, 0, 0}, 2));
        }
        MemoryStore closed = randomStore(11, 4, 2, false);
        closed.close();
        assertRejectedBeforeNative(IllegalStateException.class, "closed", () -> KernelTrainer.builder().build().train(closed));
    }
}
