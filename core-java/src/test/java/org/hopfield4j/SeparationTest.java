package org.hopfield4j;

import static org.hopfield4j.Numerics.F32_TOL;
import static org.hopfield4j.Numerics.F64_TOL;
import static org.hopfield4j.Numerics.allMaskedRows;
import static org.hopfield4j.Numerics.assertClose;
import static org.hopfield4j.Numerics.assertDistributions;
import static org.hopfield4j.Numerics.maxAbsDiff;
import static org.hopfield4j.Numerics.randomMask;
import static org.hopfield4j.Numerics.uniform;
import static org.hopfield4j.reference.ReferenceSeparation.toDouble;
import static org.hopfield4j.reference.ReferenceSeparation.toFloat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native separation maps against the float64 reference ({@link ReferenceSeparation}) on
 * adversarial batches, and the identities between the maps. Random rows are the business of the
 * kotest property specs (SeparationPropertySpec).
 */
class SeparationTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** A named batch of scores: rows × n, optional boolean mask, beta. */
    record Batch(String name, double[] z, boolean[] mask, int rows, int n, double beta) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Batch one(String name, double... z) {
        return new Batch(name, z, null, 1, z.length, 1);
    }

    /** The adversarial batches, each given to every map in float32 and float64. */
    static List<Batch> adversarial() {
        List<Batch> b = new ArrayList<>();
        b.add(one("ties", 2, 2, 1, 1, 0, 2));
        b.add(one("ties at the top and bottom", 3, 3, 3, -1, -1));
        b.add(one("all equal", 5, 5, 5, 5, 5, 5, 5));
        b.add(one("all zero", 0, 0, 0, 0));
        b.add(one("gap of exactly 1 and 2", 1, 0, 2, -1));
        b.add(one("huge", 1e30, 1e30, 5e29, -1e30));
        b.add(one("tiny", 1e-30, 2e-30, 3e-30, -1e-30, 0));
        b.add(one("mixed 1e-30..1e30", 1e30, 1e-30, -1e30, 0, 1, 1e10, -1e-10, 1e20, 3e29));
        b.add(one("mixed, huge negative", -1e30, 1e-30, -1e20, 0.5, 0.25, -1e-30));
        b.add(one("near ties", 1, 1 + 1e-7, 1 - 1e-7, 1 + 2e-7, 0.5));
        b.add(one("-inf entries", NEG_INF, 1, NEG_INF, 0.5, 0, NEG_INF));
        b.add(one("one live entry", NEG_INF, NEG_INF, -7.25, NEG_INF));
        b.add(one("all -inf", NEG_INF, NEG_INF, NEG_INF));
        b.add(one("length 1", 42));
        b.add(new Batch("length 1, many rows, one masked", new double[] {3.5, NEG_INF, -1e30, 0}, null, 4, 1, 1));
        b.add(new Batch("beta 1e-30 on scores of 1e30", new double[] {1e30, 2e30, 0, -1e30, 1.5e30}, null, 1, 5, 1e-30));
        b.add(new Batch("beta 1e30 on scores of 1e-30", new double[] {1e-30, 2e-30, 0, -1e-30, 1.5e-30}, null, 1, 5, 1e30));
        b.add(new Batch("large beta", new double[] {0.1, 0.2, 0.3, 0.15}, null, 1, 4, 1e6));
        b.add(new Batch("small beta", new double[] {10, -20, 30, 0}, null, 1, 4, 1e-6));
        b.add(new Batch("boolean mask", new double[] {4, 1, 2, 3, 0, 1, 5, 2}, new boolean[] {false, true, true, true,
                true, false, false, true}, 2, 4, 1));
        b.add(new Batch("boolean mask, all masked row", new double[] {1, 2, 3, 4, 5, 6},
                new boolean[] {true, true, true, false, false, false}, 2, 3, 1));
        b.add(new Batch("mask and -inf together", new double[] {NEG_INF, 2, 3, 1},
                new boolean[] {true, true, false, true}, 1, 4, 2));
        b.add(new Batch("empty batch", new double[0], null, 0, 7, 1));
        b.add(one("float extremes", Float.MAX_VALUE, -Float.MAX_VALUE, 0, 1e38, Float.MIN_VALUE));
        b.add(one("subnormal scores", 1e-40, 2e-40, 0, -1.4e-45, 1e-310));
        b.add(new Batch("beta 1e300", new double[] {1e-30, 0.5, 1, 0.999999}, null, 1, 4, 1e300));
        b.add(new Batch("smallest beta", new double[] {1, 2, 3}, null, 1, 3, Double.MIN_VALUE));
        b.add(one("differences overflow double (f64 only)", 1e308, -1e308, 0, 1e308, 5e307));

        SplittableRandom rnd = new SplittableRandom(20240607);
        int rows = 48, n = 33;
        double[] z = new double[rows * n];
        for (int r = 0; r < rows; r++) {      // each row its own scale, offset, and a few ties
            double scale = Math.pow(10, rnd.nextInt(-3, 4)), offset = rnd.nextDouble(-100, 100);
            for (int i = 0; i < n; i++) z[r * n + i] = offset + scale * rnd.nextGaussian();
            z[r * n + rnd.nextInt(n)] = z[r * n + rnd.nextInt(n)];
        }
        b.add(new Batch("48 rows of different content", z, null, rows, n, 1));
        b.add(new Batch("48 rows, random mask", z, randomMask(rnd, rows * n, 0.6), rows, n, 0.7));
        b.add(new Batch("one long row", uniform(rnd, 5000, -4, 4), null, 1, 5000, 1.0));
        return b;
    }

    static Stream<Arguments> mapsAndBatches() {
        return MapCase.ALL.stream().flatMap(m -> adversarial().stream().map(b -> Arguments.of(m, b)));
    }

    static boolean floatRepresentable(Batch b) {
        return Arrays.stream(b.z()).allMatch(v -> v == NEG_INF || Math.abs(v) <= Float.MAX_VALUE);
    }

    /** The batches whose scores float32 can hold (all but the f64-only one). */
    static Stream<Arguments> mapsAndFloatBatches() {
        return MapCase.ALL.stream().flatMap(m -> adversarial().stream().filter(SeparationTest::floatRepresentable)
                .map(b -> Arguments.of(m, b)));
    }

    /** Per row: base tolerance plus what one ulp of the threshold may cost a τ-based entmax (see Numerics). */
    private static double[] tolerance(MapCase m, double base, double[] ref, Batch b) {
        return Numerics.rowTolerances(base, ref, b.rows(), b.n(), m.alpha());
    }

    // ---------------------------------------------------------------- forward against the reference

    @ParameterizedTest(name = "{0} f64 {1}")
    @MethodSource("mapsAndBatches")
    void float64EqualsReference(MapCase m, Batch b) {
        double[] ref = m.reference(b.z(), b.mask(), b.rows(), b.n(), b.beta());
        double[] p = new double[b.z().length];
        int[] support = new int[b.rows()];
        m.map().apply(b.z(), b.mask(), p, support, b.rows(), b.n(), b.beta());

        String what = m + " f64 " + b;
        assertClose(ref, p, b.n(), tolerance(m, F64_TOL, ref, b), what);
        assertDistributions(p, support, allMaskedRows(b.z(), b.mask(), b.rows(), b.n()), b.rows(), b.n(), 1e-12, what);
        assertArrayEquals(ReferenceSeparation.support(ref, b.rows(), b.n()), support, what + ": support vs reference");

        double[] inPlace = b.z().clone();      // out == z
        m.map().apply(inPlace, b.mask(), inPlace, null, b.rows(), b.n(), b.beta());
        assertArrayEquals(p, inPlace, 0.0, what + ": in place");
    }

    @ParameterizedTest(name = "{0} f32 {1}")
    @MethodSource("mapsAndFloatBatches")
    void float32EqualsReference(MapCase m, Batch b) {
        float[] z = toFloat(b.z());
        float[] ref = m.reference(z, b.mask(), b.rows(), b.n(), b.beta());
        float[] p = new float[z.length];
        int[] support = new int[b.rows()];
        m.map().apply(z, b.mask(), p, support, b.rows(), b.n(), b.beta());

        String what = m + " f32 " + b;
        double[] refD = m.reference(toDouble(z), b.mask(), b.rows(), b.n(), b.beta());
        assertClose(ref, p, b.n(), tolerance(m, F32_TOL, refD, b), what);
        assertDistributions(p, support, allMaskedRows(z, b.mask(), b.rows(), b.n()), b.rows(), b.n(), 1e-5, what);
        assertArrayEquals(ReferenceSeparation.support(ref, b.rows(), b.n()), support, what + ": support vs reference");

        float[] inPlace = z.clone();
        m.map().apply(inPlace, b.mask(), inPlace, null, b.rows(), b.n(), b.beta());
        assertArrayEquals(p, inPlace, 0.0f, what + ": in place");
    }

    @Test
    void allMaskedRowsAreZerosWithSupportZero() {
        for (MapCase m : MapCase.ALL) {
            double[] z = {NEG_INF, NEG_INF, 1, 2, 3, 4};
            boolean[] mask = {true, true, false, false, false, false};
            double[] p = {9, 9, 9, 9, 9, 9};
            int[] support = {-1, -1, -1};
            m.map().apply(z, mask, p, support, 3, 2, 1);
            assertArrayEquals(new double[6], p, 0.0, m.label());
            assertArrayEquals(new int[3], support, m.label());
            float[] pf = {9, 9, 9, 9, 9, 9};
            m.map().apply(toFloat(z), mask, pf, support, 3, 2, 1);
            assertArrayEquals(new float[6], pf, 0.0f, m.label());
        }
    }

    @Test
    void maskedEntriesAreExactZerosAndTheRestIsTheShortenedRow() {
        double[] z = {0.3, 2, -1, 0.9, 1.7, 0.2};
        boolean[] mask = {true, false, true, true, true, false};
        double[] shortened = {0.3, -1, 0.9, 1.7};
        for (MapCase m : MapCase.ALL) {
            double[] p = new double[6];
            m.map().apply(z, mask, p, null, 1, 6, 1.3);
            double[] q = m.map().apply(shortened, 1, 4, 1.3);
            assertArrayEquals(new double[] {q[0], 0, q[1], q[2], q[3], 0}, p, 1e-15, m.label());
            assertEquals(0.0, p[1]);
            assertEquals(0.0, p[5]);
        }
    }

    @Test
    void emptyBatchIsAccepted() {
        for (MapCase m : MapCase.ALL) {
            assertEquals(0, m.map().apply(new double[0], 0, 3).length);
            assertEquals(0, m.map().apply(new float[0], 0, 3, 2.0).length);
            m.map().apply(new float[0], new boolean[0], new float[0], new int[0], 0, 1, 1);
            assertEquals(0, m.map().backward(new double[0], new double[0], 0, 5).length);
        }
    }

    // ---------------------------------------------------------------- identities between maps

    @Test
    void alphaTwoIsSparsemaxAndAlphaOneAndAHalfIsEntmax15() {
        Separation a2 = Separation.entmax(2), a15 = Separation.entmax(1.5);
        for (Batch b : adversarial()) {
            double[] s64 = new double[b.z().length], e64 = new double[b.z().length];
            Separation.sparsemax().apply(b.z(), b.mask(), s64, null, b.rows(), b.n(), b.beta());
            a2.apply(b.z(), b.mask(), e64, null, b.rows(), b.n(), b.beta());
            assertClose(s64, e64, b.n(), F64_TOL, "alpha 2 vs sparsemax f64 " + b);
            Separation.entmax15().apply(b.z(), b.mask(), s64, null, b.rows(), b.n(), b.beta());
            a15.apply(b.z(), b.mask(), e64, null, b.rows(), b.n(), b.beta());
            assertClose(s64, e64, b.n(), F64_TOL, "alpha 1.5 vs entmax15 f64 " + b);

            if (!floatRepresentable(b)) continue;
            float[] z = toFloat(b.z());
            float[] s32 = new float[z.length], e32 = new float[z.length];
            Separation.sparsemax().apply(z, b.mask(), s32, null, b.rows(), b.n(), b.beta());
            a2.apply(z, b.mask(), e32, null, b.rows(), b.n(), b.beta());
            assertClose(s32, e32, b.n(), F32_TOL, "alpha 2 vs sparsemax f32 " + b);
            Separation.entmax15().apply(z, b.mask(), s32, null, b.rows(), b.n(), b.beta());
            a15.apply(z, b.mask(), e32, null, b.rows(), b.n(), b.beta());
            assertClose(s32, e32, b.n(), F32_TOL, "alpha 1.5 vs entmax15 f32 " + b);
        }
    }

    @Test
    void perRowAlphasEqualTheSingleAlphaResults() {
        double[] alphas = {1.2, 1.5, 2, 3, 7, 1.01, 1.5, 2.5};
        int rows = alphas.length, n = 21;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] z = uniform(rnd, rows * n, -3, 3);
        boolean[] mask = randomMask(rnd, rows * n, 0.8);
        double[] g = uniform(rnd, rows * n, -1, 1);
        Separation perRow = Separation.entmaxPerRow(alphas);
        assertTrue(Double.isNaN(perRow.alpha()));
        assertArrayEquals(alphas, perRow.rowAlphas());

        double[] p = new double[rows * n];
        int[] support = new int[rows];
        perRow.apply(z, mask, p, support, rows, n, 1.4);
        double[] dz = new double[rows * n];
        perRow.backward(p, g, dz, rows, n, 1.4);
        float[] pf = new float[rows * n];
        perRow.apply(toFloat(z), mask, pf, null, rows, n, 1.4);
        for (int r = 0; r < rows; r++) {
            Separation single = Separation.entmax(alphas[r]);
            double[] zr = Arrays.copyOfRange(z, r * n, (r + 1) * n);
            boolean[] mr = Arrays.copyOfRange(mask, r * n, (r + 1) * n);
            double[] q = new double[n];
            int[] sr = new int[1];
            single.apply(zr, mr, q, sr, 1, n, 1.4);
            assertArrayEquals(q, Arrays.copyOfRange(p, r * n, (r + 1) * n), 1e-15, "row " + r + " alpha " + alphas[r]);
            assertEquals(sr[0], support[r]);
            double[] dq = new double[n];
            single.backward(q, Arrays.copyOfRange(g, r * n, (r + 1) * n), dq, 1, n, 1.4);
            assertArrayEquals(dq, Arrays.copyOfRange(dz, r * n, (r + 1) * n), 1e-12, "backward row " + r);
            float[] qf = new float[n];
            single.apply(toFloat(zr), mr, qf, null, 1, n, 1.4);
            assertArrayEquals(qf, Arrays.copyOfRange(pf, r * n, (r + 1) * n), 1e-7f, "f32 row " + r);
        }
    }

    @Test
    void alphaToOneApproachesSoftmax() {
        SplittableRandom rnd = new SplittableRandom(6);
        int rows = 16, n = 40;
        double[] z = uniform(rnd, rows * n, -3, 3);
        double[] soft = Separation.softmax().apply(z, rows, n);
        double gap3 = maxAbsDiff(soft, Separation.entmax(1.001).apply(z, rows, n));
        double gap4 = maxAbsDiff(soft, Separation.entmax(1.0001).apply(z, rows, n));
        double gap5 = maxAbsDiff(soft, Separation.entmax(1.00001).apply(z, rows, n));
        assertTrue(gap3 < 1e-2, "alpha 1.001: gap " + gap3);
        assertTrue(gap4 < gap3 / 5 && gap5 < gap4 / 5, "gaps must shrink: " + gap3 + ", " + gap4 + ", " + gap5);

        float[] zf = toFloat(z);
        double[] softF = toDouble(Separation.softmax().apply(zf, rows, n));
        double g3 = maxAbsDiff(softF, toDouble(Separation.entmax(1.001).apply(zf, rows, n)));
        double g4 = maxAbsDiff(softF, toDouble(Separation.entmax(1.0001).apply(zf, rows, n)));
        assertTrue(g3 < 1e-2 && g4 < g3 / 5, "f32 gaps " + g3 + ", " + g4);
    }

    @Test
    void softmaxIsNeverExactlySparseOnModerateScores() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int rows = 1 + rnd.nextInt(8), n = 1 + rnd.nextInt(200);
            double[] z = uniform(rnd, rows * n, -20, 20);      // exp(−40)/200 ≫ smallest float
            int[] support = new int[rows];
            double[] p = new double[rows * n];
            Separation.softmax().apply(z, null, p, support, rows, n, 1);
            float[] pf = new float[rows * n];
            int[] supportF = new int[rows];
            Separation.softmax().apply(toFloat(z), null, pf, supportF, rows, n, 1);
            for (int i = 0; i < p.length; i++) {
                assertTrue(p[i] > 0 && pf[i] > 0, "softmax zero at " + i);
            }
            int[] full = new int[rows];
            Arrays.fill(full, n);
            assertArrayEquals(full, support);
            assertArrayEquals(full, supportF);
        }
    }

    @Test
    void sparsemaxIsExactlyZeroBelowTheThreshold() {
        SplittableRandom rnd = new SplittableRandom(8);
        int checkedZeros = 0;
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + rnd.nextInt(100);
            double beta = 0.5 + rnd.nextDouble() * 3;
            double[] z = uniform(rnd, n, -2, 2);
            double[] ref = ReferenceSeparation.sparsemax(z, null, 1, n, beta);
            double tau = Double.NaN;                 // τ = βz_i − p_i on the support
            for (int i = 0; i < n; i++) if (ref[i] > 0) tau = beta * z[i] - ref[i];
            double[] p = Separation.sparsemax().apply(z, 1, n, beta);
            float[] pf = Separation.sparsemax().apply(toFloat(z), 1, n, beta);
            for (int i = 0; i < n; i++) {
                double x = beta * z[i];
                if (x < tau - 1e-9) {
                    assertEquals(0.0, p[i], 0.0, "f64 below threshold at " + i);
                    assertEquals(0.0f, pf[i], 0.0f, "f32 below threshold at " + i);
                    checkedZeros++;
                } else if (x > tau + 1e-5) {
                    assertTrue(p[i] > 0 && pf[i] > 0, "above threshold at " + i);
                }
            }
        }
        assertTrue(checkedZeros > 100, "too few zeros checked: " + checkedZeros);
    }

    /** The kernels keep no shared mutable state: many Java threads at once get the one-thread results. */
    @Test
    void concurrentCallsFromManyJavaThreadsAgree() throws Exception {
        SplittableRandom rnd = new SplittableRandom(14);
        int rows = 40, n = 300, threads = 8;
        double[][] inputs = new double[threads][];
        for (int t = 0; t < threads; t++) inputs[t] = uniform(rnd, rows * n, -3 - t, 3 + t);
        List<MapCase> maps = MapCase.ALL;
        double[][][] expected = new double[threads][maps.size()][];
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < maps.size(); k++) expected[t][k] = maps.get(k).map().apply(inputs[t], rows, n, 1.1);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int k = 0; k < maps.size(); k++) {
                            int kk = (k + tt + round) % maps.size();
                            double[] p = maps.get(kk).map().apply(inputs[tt], rows, n, 1.1);
                            assertArrayEquals(expected[tt][kk], p, 0.0, maps.get(kk) + " thread " + tt);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- beta

    @Test
    void betaScalesTheScores() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (MapCase m : MapCase.ALL) {
            for (double beta : new double[] {0.01, 0.37, 1, 2.5, 40}) {
                int rows = 5, n = 17;
                double[] z = uniform(rnd, rows * n, -4 / Math.max(1, beta), 4 / Math.max(1, beta));
                double[] bz = z.clone();
                for (int i = 0; i < bz.length; i++) bz[i] *= beta;
                double[] a = m.map().apply(z, rows, n, beta), b = m.map().apply(bz, rows, n, 1);
                double[] tol = Numerics.rowTolerances(F64_TOL, a, rows, n, m.alpha());
                assertClose(b, a, n, tol, m + " f64 beta " + beta);
                float[] zf = toFloat(z), bzf = new float[zf.length];
                for (int i = 0; i < zf.length; i++) bzf[i] = (float) (beta * zf[i]);
                assertClose(m.map().apply(bzf, rows, n, 1), m.map().apply(zf, rows, n, beta), n,
                        Numerics.rowTolerances(2 * F32_TOL + F64_TOL, a, rows, n, m.alpha()), m + " f32 beta " + beta);
            }
        }
    }

    // ---------------------------------------------------------------- backward

    /** Per row, the size of the terms of the backward: β Σ |s_i g_i| with s_i = p_i^{2−α} (p_i for softmax). */
    private static double[] backwardScale(MapCase m, double[] p, double[] g, int rows, int n, double beta) {
        double[] scale = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (p[i] > 0) scale[r] += beta * Math.abs(g[i]) * (m.alpha() == 1 ? p[i] : Math.pow(p[i], 2 - m.alpha()));
            }
        }
        return scale;
    }

    private static void assertBackwardClose(double[] expected, double[] actual, double[] scale, int n, double tol,
                                            String what) {
        for (int i = 0; i < expected.length; i++) {
            double allowed = tol * Math.max(1, scale[i / n]);
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(what + ": at row " + i / n + ", column " + i % n + ": expected " + expected[i] + " but was "
                        + actual[i] + " (tol " + allowed + ")");
            }
        }
    }

    static Stream<Arguments> mapsAndBetas() {
        return MapCase.ALL.stream().flatMap(m -> Stream.of(1.0, 0.37, 2.5).map(beta -> Arguments.of(m, beta)));
    }

    @ParameterizedTest(name = "{0} beta {1}")
    @MethodSource("mapsAndBetas")
    void backwardEqualsReference(MapCase m, double beta) {
        SplittableRandom rnd = new SplittableRandom(10);
        int rows = 12, n = 25;
        double[] z = uniform(rnd, rows * n, -3, 3);
        boolean[] mask = randomMask(rnd, rows * n, 0.75);
        Arrays.fill(mask, 0, n, false);                       // one all-masked row
        double[] g = uniform(rnd, rows * n, -2, 2);

        double[] p = new double[rows * n];
        m.map().apply(z, mask, p, null, rows, n, beta);
        double[] dz = new double[rows * n];
        m.map().backward(p, g, dz, rows, n, beta);
        double[] scale = backwardScale(m, p, g, rows, n, beta);
        assertBackwardClose(m.referenceBackward(p, g, rows, n, beta), dz, scale, n, F64_TOL, m + " f64");
        for (int i = 0; i < n; i++) assertEquals(0.0, dz[i], 0.0, "all-masked row gives zero gradient");

        double[] inPlace = g.clone();                          // dz == g
        m.map().backward(p, inPlace, inPlace, rows, n, beta);
        assertArrayEquals(dz, inPlace, 0.0, m + " backward in place");

        float[] pf = new float[rows * n], gf = toFloat(g), dzf = new float[rows * n];
        m.map().apply(toFloat(z), mask, pf, null, rows, n, beta);
        m.map().backward(pf, gf, dzf, rows, n, beta);
        float[] ref = m.referenceBackward(pf, gf, rows, n, beta);
        assertBackwardClose(toDouble(ref), toDouble(dzf), backwardScale(m, toDouble(pf), toDouble(gf), rows, n, beta),
                n, F32_TOL, m + " f32");
        if (beta == 1.0) {
            assertArrayEquals(dzf, m.map().backward(pf, gf, rows, n), 0.0f, "backward(p, g, rows, n) is beta 1");
        }
    }

    @ParameterizedTest(name = "{0} beta {1}")
    @MethodSource("mapsAndBetas")
    void backwardEqualsCentralFiniteDifferences(MapCase m, double beta) {
        SplittableRandom rnd = new SplittableRandom(11);
        double h = 1e-6;
        int checked = 0, skipped = 0;
        for (int trial = 0; trial < 12; trial++) {
            int n = 2 + rnd.nextInt(12);
            double[] z = uniform(rnd, n, -1.5, 1.5), g = uniform(rnd, n, -1, 1);
            int[] support = new int[1];
            double[] p = new double[n];
            m.map().apply(z, null, p, support, 1, n, beta);
            double[] dz = m.map().backward(p, g, 1, n);        // beta 1 here: rescale below
            double[] dzBeta = new double[n];
            m.map().backward(p, g, dzBeta, 1, n, beta);
            for (int j = 0; j < n; j++) assertEquals(beta * dz[j], dzBeta[j], 1e-12 * Math.max(1, Math.abs(dzBeta[j])));
            for (int j = 0; j < n; j++) {
                double fd1 = centralDifference(m, z, g, j, h, beta, support[0]);
                double fd2 = centralDifference(m, z, g, j, h / 2, beta, support[0]);
                if (Double.isNaN(fd1) || Double.isNaN(fd2) || Math.abs(fd1 - fd2) > 1e-6 * (1 + Math.abs(fd1))) {
                    skipped++;                                  // a support change or a kink nearby
                    continue;
                }
                assertEquals(fd2, dzBeta[j], 1e-6 * (1 + Math.abs(fd2)), m + " beta " + beta + ": d/dz" + j
                        + " of <g, p> at z = " + Arrays.toString(z));
                checked++;
            }
        }
        assertTrue(checked > 3 * skipped && checked > 40, m + ": checked " + checked + ", skipped " + skipped);
    }

    /** (⟨g, Sep(β(z + h e_j))⟩ − ⟨g, Sep(β(z − h e_j))⟩) / 2h, or NaN if the support size changes. */
    private static double centralDifference(MapCase m, double[] z, double[] g, int j, double h, double beta, int support) {
        double[] zp = z.clone(), zm = z.clone();
        zp[j] += h;
        zm[j] -= h;
        double[] pp = new double[z.length], pm = new double[z.length];
        int[] sp = new int[1], sm = new int[1];
        m.map().apply(zp, null, pp, sp, 1, z.length, beta);
        m.map().apply(zm, null, pm, sm, 1, z.length, beta);
        if (sp[0] != support || sm[0] != support) return Double.NaN;
        double fp = 0, fm = 0;
        for (int i = 0; i < z.length; i++) {
            fp += g[i] * pp[i];
            fm += g[i] * pm[i];
        }
        return (fp - fm) / (2 * h);
    }

    // ---------------------------------------------------------------- direct buffers

    private static FloatBuffer floats(int position, float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * (position + values.length)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < position; i++) b.put(i, -12345f);   // sentinels before the position
        b.position(position);
        b.put(values).position(position);
        return b;
    }

    private static DoubleBuffer doubles(int position, double[] values) {
        DoubleBuffer b = ByteBuffer.allocateDirect(8 * (position + values.length)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        for (int i = 0; i < position; i++) b.put(i, -12345);
        b.position(position);
        b.put(values).position(position);
        return b;
    }

    private static IntBuffer ints(int position, int size) {
        IntBuffer b = ByteBuffer.allocateDirect(4 * (position + size)).order(ByteOrder.nativeOrder()).asIntBuffer();
        for (int i = 0; i < position + size; i++) b.put(i, -7);
        return b.position(position);
    }

    private static ByteBuffer bytes(int position, boolean[] mask) {
        ByteBuffer b = ByteBuffer.allocateDirect(position + mask.length);
        for (int i = 0; i < position; i++) b.put(i, (byte) 0);   // would mask everything if read
        for (int i = 0; i < mask.length; i++) b.put(position + i, (byte) (mask[i] ? 1 : 0));
        return b.position(position);
    }

    @ParameterizedTest(name = "{0} position {1}")
    @MethodSource("mapsAndPositions")
    void directBuffersEqualArrays(MapCase m, int position) {
        SplittableRandom rnd = new SplittableRandom(12);
        int rows = 9, n = 14;
        double[] z = uniform(rnd, rows * n, -3, 3);
        z[5] = NEG_INF;
        boolean[] mask = randomMask(rnd, rows * n, 0.7);
        Arrays.fill(mask, 2 * n, 3 * n, false);

        double[] p = new double[rows * n];
        int[] support = new int[rows];
        m.map().apply(z, mask, p, support, rows, n, 1.3);
        DoubleBuffer zb = doubles(position, z), pb = doubles(position + 1, new double[rows * n]);
        IntBuffer sb = ints(position + 2, rows);
        m.map().apply(zb, bytes(position + 3, mask), pb, sb, rows, n, 1.3);
        assertArrayEquals(p, read(pb), 0.0, m + " f64 buffers");
        assertArrayEquals(support, read(sb), m + " f64 support buffer");
        for (int i = 0; i < position + 1; i++) assertEquals(-12345.0, pb.get(i), "written before the position");
        assertEquals(position, zb.position(), "position of z unchanged");

        m.map().apply(zb, null, zb, null, rows, n, 1.3);                // in place, no mask
        assertArrayEquals(m.map().apply(z, rows, n, 1.3), read(zb), 0.0, m + " f64 buffer in place");

        float[] zf = toFloat(z);
        float[] pf = new float[rows * n];
        m.map().apply(zf, mask, pf, support, rows, n, 1.3);
        FloatBuffer zfb = floats(position, zf), pfb = floats(position + 1, new float[rows * n]);
        IntBuffer sfb = ints(position, rows);
        m.map().apply(zfb, bytes(position, mask), pfb, sfb, rows, n, 1.3);
        assertArrayEquals(pf, read(pfb), 0.0f, m + " f32 buffers");
        assertArrayEquals(support, read(sfb), m + " f32 support buffer");
        for (int i = 0; i < position + 1; i++) assertEquals(-12345f, pfb.get(i), "written before the position");

        m.map().apply(floats(position, new float[0]), null, floats(0, new float[0]), ints(1, 0), 0, n, 1);  // empty
    }

    static Stream<Arguments> mapsAndPositions() {
        return MapCase.ALL.stream().flatMap(m -> Stream.of(0, 3).map(pos -> Arguments.of(m, pos)));
    }

    private static double[] read(DoubleBuffer b) {
        double[] a = new double[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static float[] read(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static int[] read(IntBuffer b) {
        int[] a = new int[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    // ---------------------------------------------------------------- naming

    @Test
    void namesAndFactories() {
        assertEquals(Separation.softmax(), Separation.named("SoftMax", 99));
        assertEquals(Separation.sparsemax(), Separation.named("sparsemax", 0));
        assertEquals(Separation.entmax15(), Separation.named("entmax15", 0));
        assertEquals(Separation.entmax(1.7), Separation.named("entmax", 1.7));
        assertEquals(1.0, Separation.softmax().alpha());
        assertEquals(2.0, Separation.sparsemax().alpha());
        assertEquals(1.5, Separation.entmax15().alpha());
        assertTrue(!Separation.softmax().isSparse() && Separation.entmax(1.1).isSparse());
        assertEquals("entmax(3.0)", Separation.entmax(3).name());
        assertEquals(null, Separation.entmax(3).rowAlphas());
        double[] alphas = {1.5, 2};
        Separation perRow = Separation.entmaxPerRow(alphas);
        alphas[0] = 9;                                               // defensive copy
        assertArrayEquals(new double[] {1.5, 2}, perRow.rowAlphas());
        assertEquals(Separation.entmaxPerRow(1.5, 2), perRow);
    }
}
