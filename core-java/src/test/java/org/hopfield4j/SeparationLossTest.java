package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hopfield4j.reference.ReferenceSeparation;
import org.hopfield4j.reference.ReferenceSeparationLoss;
import org.junit.jupiter.api.Test;

class SeparationLossTest {
    static final SeparationLoss[] LOSSES = SeparationLoss.values();

    static ReferenceSeparationLoss.Loss ref(SeparationLoss loss) {
        return ReferenceSeparationLoss.Loss.valueOf(loss.name());
    }

    /** n values N(0, scale²) from the library's generator, seeded from rng so a test's draws stay one sequence. */
    static double[] gaussian(SplittableRandom rng, int n, double scale) {
        return KernelTrainer.gaussian(n, 1, rng.nextLong(), scale);
    }

    /** Largest squared feature norm of the reference features (the scale of float rounding in G). */
    static double maxFeatureNorm2(double[] w, int D, int d, double[] xi, int M, boolean normalize) {
        double[] f = ReferenceSeparationLoss.features(w, D, d, xi, M, normalize);
        double max = 0;
        for (int mu = 0; mu < M; mu++) {
            double s = 0;
            for (int i = 0; i < D; i++) s += f[mu * D + i] * f[mu * D + i];
            max = Math.max(max, s);
        }
        return max;
    }

    private static final int[][] SHAPES = {{2, 3, 3}, {3, 1, 3}, {7, 5, 5}, {12, 6, 4}, {30, 8, 11}};   // M, d, D

    @Test
    void lossMatchesPlainJavaReferenceInBothPrecisions() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            int M = shape[0], d = shape[1], D = shape[2];
            for (boolean f32 : new boolean[] {false, true}) {
                double[] xi = gaussian(rng, M * d, 1.0);
                double[] w = gaussian(rng, D * d, 1 / Math.sqrt(d));
                if (f32) {
                    xi = RetrievalFixtures.floatRounded(xi);
                    w = RetrievalFixtures.floatRounded(w);
                }
                try (MemoryStore store = f32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d) : MemoryStore.ofDouble(xi, M, d)) {
                    for (SeparationLoss loss : LOSSES) {
                        for (boolean normalize : new boolean[] {true, false}) {
                            for (double t : new double[] {2.0, 0.5, 30.0}) {
                                String what = loss + " " + (f32 ? "float32" : "float64") + " normalize=" + normalize
                                        + " M=" + M + " d=" + d + " D=" + D + " t=" + t;
                                ReferenceSeparationLoss.Result r =
                                        ReferenceSeparationLoss.evaluate(ref(loss), w, D, d, xi, M, t, normalize);
                                SeparationLoss.Evaluation e = loss.evaluate(w, D, store, t, normalize);
                                double n2 = maxFeatureNorm2(w, D, d, xi, M, normalize);
                                // float32 rounds G = F F^T relative to the squared feature norms, so its
                                // error scale includes t n (t n^2 for the DL loss's k^2).
                                double scale = f32 ? Math.max(1, Math.abs(r.loss())) + t * Math.max(n2, n2 * n2)
                                        : Math.max(1, Math.abs(r.loss()));
                                double tol = f32 ? 1e-5 : 1e-12;
                                assertTrue(Math.abs(e.loss() - r.loss()) <= tol * scale,
                                        what + ": loss " + e.loss() + " vs reference " + r.loss());
                                assertTrue(Math.abs(e.minDistance2() - r.minDistance2()) <= tol * Math.max(1, n2),
                                        what + ": min d2 " + e.minDistance2() + " vs reference " + r.minDistance2());
                                assertEquals(D * d, e.gradient().length);
                                assertEquals(e.loss(), loss.value(w, D, store, t, normalize), 0.0, what + ": value()");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferencesInFloat64() {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] shapes = {{2, 3, 3}, {3, 1, 1}, {6, 4, 5}, {9, 5, 2}, {10, 13, 13}};
        for (int[] shape : shapes) {
            int M = shape[0], d = shape[1], D = shape[2];
            double[] xi = gaussian(rng, M * d, 1.0);
            try (MemoryStore store = MemoryStore.ofDouble(xi, M, d)) {
                for (SeparationLoss loss : LOSSES) {
                    for (boolean normalize : new boolean[] {true, false}) {
                        for (double t : new double[] {2.0, 0.7}) {
                            double[] w = gaussian(rng, D * d, 1 / Math.sqrt(d));
                            String what = loss + " normalize=" + normalize + " M=" + M + " d=" + d + " D=" + D + " t=" + t;
                            double[] g = loss.evaluate(w, D, store, t, normalize).gradient();
                            double[] fd = ReferenceSeparationLoss.finiteDifferenceGradient(ref(loss), w, D, d, xi, M, t,
                                    normalize, 1e-6);
                            double max = 0;
                            for (double v : fd) max = Math.max(max, Math.abs(v));
                            for (int i = 0; i < g.length; i++) {
                                if (!(Math.abs(g[i] - fd[i]) <= 1e-6 * Math.max(1, max))) {
                                    fail(what + ": dL/dW at (" + i / d + ", " + i % d + ") = " + g[i]
                                            + " but central differences give " + fd[i] + " (max |grad| " + max + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void float32GradientAgreesWithFloat64() {
        SplittableRandom rng = new SplittableRandom(8);
        int M = 40, d = 12, D = 12;
        double[] xi = RetrievalFixtures.floatRounded(gaussian(rng, M * d, 1.0));
        double[] w = RetrievalFixtures.floatRounded(gaussian(rng, D * d, 1 / Math.sqrt(d)));
        try (MemoryStore s32 = MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d); MemoryStore s64 = MemoryStore.ofDouble(xi, M, d)) {
            for (SeparationLoss loss : LOSSES) {
                double[] g32 = loss.evaluate(w, D, s32, 2, true).gradient();
                double[] g64 = loss.evaluate(w, D, s64, 2, true).gradient();
                double max = Arrays.stream(g64).map(Math::abs).max().orElse(0);
                for (int i = 0; i < g32.length; i++) {
                    assertTrue(Math.abs(g32[i] - g64[i]) <= 1e-4 * max, loss + ": float32 gradient " + g32[i] + " vs " + g64[i]);
                }
            }
        }
    }

    @Test
    void rowRangesAndSubsetsEqualTheSameRowsAsAStore() {
        SplittableRandom rng = new SplittableRandom(3);
        int M = 10, d = 4, D = 6;
        double[] xi = gaussian(rng, M * d, 1.0);
        double[] w = gaussian(rng, D * d, 0.5);
        int[] picks = {7, 2, 9, 4};
        double[] picked = new double[picks.length * d];
        for (int k = 0; k < picks.length; k++) System.arraycopy(xi, picks[k] * d, picked, k * d, d);
        for (boolean f32 : new boolean[] {false, true}) {   // a range is read in place, a subset copied: both precisions
            try (MemoryStore all = store(f32, xi, M, d);
                 MemoryStore middle = store(f32, Arrays.copyOfRange(xi, 3 * d, 8 * d), 5, d);
                 MemoryStore subset = store(f32, picked, picks.length, d)) {
                for (SeparationLoss loss : LOSSES) {
                    String what = loss + (f32 ? " float32" : " float64");
                    SeparationLoss.Evaluation a = loss.evaluate(w, D, all, 3, 8, 2, true);
                    SeparationLoss.Evaluation b = loss.evaluate(w, D, middle, 2, true);
                    assertEquals(b.loss(), a.loss(), 0.0, what + " range");
                    assertArrayEquals(b.gradient(), a.gradient(), 0.0, what + " range gradient");
                    SeparationLoss.Evaluation c = loss.evaluate(w, D, all, picks, 2, true);
                    SeparationLoss.Evaluation e = loss.evaluate(w, D, subset, 2, true);
                    assertEquals(e.loss(), c.loss(), 0.0, what + " subset");
                    assertArrayEquals(e.gradient(), c.gradient(), 0.0, what + " subset gradient");
                }
            }
        }
    }

    private static MemoryStore store(boolean f32, double[] xi, int M, int d) {
        return f32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d) : MemoryStore.ofDouble(xi, M, d);
    }

    @Test
    void concurrentEvaluationsAgree() throws Exception {
        SplittableRandom rng = new SplittableRandom(21);
        int M = 300, d = 16, D = 16;   // large enough for the native pair passes to run in parallel
        double[] xi = gaussian(rng, M * d, 1.0);
        double[] w = gaussian(rng, D * d, 0.25);
        try (MemoryStore store = MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d)) {
            for (SeparationLoss loss : LOSSES) {
                SeparationLoss.Evaluation expected = loss.evaluate(w, D, store, 2, true);
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
                try {
                    java.util.List<java.util.concurrent.Future<SeparationLoss.Evaluation>> results = new java.util.ArrayList<>();
                    for (int i = 0; i < 16; i++) results.add(pool.submit(() -> loss.evaluate(w, D, store, 2, true)));
                    for (var f : results) {
                        SeparationLoss.Evaluation e = f.get();
                        assertEquals(expected.loss(), e.loss(), 0.0, loss + " concurrent loss");
                        assertArrayEquals(expected.gradient(), e.gradient(), 0.0, loss + " concurrent gradient");
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }

    @Test
    void knownValues() {
        // Two orthogonal unit memories, W = I: normalised d2 = 2, k = 0.
        double[] xi = {1, 0, 0, 1};
        double[] w = {1, 0, 0, 1};
        try (MemoryStore store = MemoryStore.ofDouble(xi, 2, 2)) {
            assertEquals(-4.0, SeparationLoss.AVG.value(w, 2, store, 2, true), 1e-15);
            assertEquals(-4.0, SeparationLoss.MAX.value(w, 2, store, 2, true), 1e-15);
            assertEquals(-4.0, SeparationLoss.DL.value(w, 2, store, 2, true), 1e-15);
            assertEquals(2.0, SeparationLoss.AVG.evaluate(w, 2, store, 2, true).minDistance2(), 1e-15);
        }
    }

    @Test
    void names() {
        assertEquals(SeparationLoss.AVG, SeparationLoss.named("avg"));
        assertEquals(SeparationLoss.MAX, SeparationLoss.named("MAX"));
        assertEquals(SeparationLoss.DL, SeparationLoss.named("dl"));
        assertEquals("dl", SeparationLoss.DL.label());
        assertThrows(IllegalArgumentException.class, () -> SeparationLoss.named("mean"));
    }

    // ------------------------------------------------------------------ validation

    @Test
    void invalidArgumentsAreRejectedBeforeNativeCode() {
        double[] xi = {1, 2, 3, 4, 5, 6, 7, 8, 10};   // 3 x 3
        double[] w = {1, 0, 0, 0, 1, 0};              // 2 x 3
        SeparationLoss avg = SeparationLoss.AVG;
        try (MemoryStore store = MemoryStore.ofDouble(xi, 3, 3);
             MemoryStore one = MemoryStore.ofDouble(new double[] {1, 2, 3}, 1, 3);
             MemoryStore f32 = MemoryStore.ofFloat(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "t must be finite and > 0", () -> avg.evaluate(w, 2, store, t, true));
            }
            assertRejectedBeforeNative(NullPointerException.class, "W", () -> avg.evaluate(null, 2, store, 2, true));
            assertRejectedBeforeNative(NullPointerException.class, "store", () -> avg.evaluate(w, 2, null, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "W has length 6, expected 9", () -> avg.evaluate(w, 3, store, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "D must be >= 1", () -> avg.evaluate(w, 0, store, 2, true));
            double[] bad = w.clone();
            bad[4] = Double.NaN;
            assertRejectedBeforeNative(IllegalArgumentException.class, "(row 1, column 1)", () -> avg.evaluate(bad, 2, store, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "needs M >= 2, got M = 1", () -> avg.evaluate(new double[] {1, 1, 1}, 1, one, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "needs M >= 2", () -> avg.evaluate(w, 2, store, 1, 2, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "must lie within [0, M)", () -> avg.evaluate(w, 2, store, 1, 4, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "must lie within [0, M)", () -> avg.evaluate(w, 2, store, -1, 2, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "repeats a row", () -> avg.evaluate(w, 2, store, new int[] {0, 2, 0}, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "is not a row", () -> avg.evaluate(w, 2, store, new int[] {0, 3}, 2, true));
            double[] huge = {1e30, 0, 0, 0, 1, 0};
            assertRejectedBeforeNative(IllegalArgumentException.class, "overflows float32", () -> avg.evaluate(new double[] {1e39, 0, 0, 0, 1, 0}, 2, f32, 2, true));
            assertRejectedBeforeNative(IllegalArgumentException.class, "W is too large", () -> avg.evaluate(huge, 2, f32, 2, false));
            assertRejectedBeforeNative(IllegalArgumentException.class, "W is too large", () -> avg.evaluate(new double[] {1e300, 0, 0, 0, 1, 0}, 2, store, 2, false));
            MemoryStore closed = MemoryStore.ofDouble(xi, 3, 3);
            closed.close();
            assertRejectedBeforeNative(IllegalStateException.class, "closed", () -> avg.evaluate(w, 2, closed, 2, true));
            assertRejectedBeforeNative(IllegalStateException.class, "closed", () -> avg.value(w, 2, closed, 2, true));
        }
    }

    @Test
    void overflowingGradientIsAnErrorNotNaN() {
        // Found by SeparationLossFuzzTest: the kernel scales by 2t in float32, so t = 6e295 made the
        // gradient NaN (∞ · 0) while the loss was a finite 0.
        try (MemoryStore zeros = MemoryStore.ofFloat(new float[3], 3, 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SeparationLoss.AVG.evaluate(new double[] {1e30}, 1, zeros, 5.9e295, false));
            assertTrue(e.getMessage().contains("gradient of the separation loss overflowed"), e.getMessage());
            assertEquals(0.0, SeparationLoss.AVG.value(new double[] {1e30}, 1, zeros, 5.9e295, false), 0.0,
                    "the loss alone is still fine");
        }
    }

    @Test
    void maxLossIsTheClosestPair() {
        // Normalised features (1, 0), (0, 1), (1, 1)/sqrt 2: the closest pairs are 45 degrees apart.
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 0, 0, 1, 1, 1}, 3, 2)) {
            double[] w = {1, 0, 0, 1};
            SeparationLoss.Evaluation e = SeparationLoss.MAX.evaluate(w, 2, store, 2, true);
            assertEquals(-2 * (2 - Math.sqrt(2)), e.loss(), 1e-14);
            assertEquals(2 - Math.sqrt(2), e.minDistance2(), 1e-14);
        }
    }
}
