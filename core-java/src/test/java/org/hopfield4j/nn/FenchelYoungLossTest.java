package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.FD_TOLERANCE;
import static org.hopfield4j.nn.AssociationGradientChecks.assertGradient;
import static org.hopfield4j.nn.AssociationGradientChecks.fd;
import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.Separation;
import org.hopfield4j.reference.ReferenceAssociation;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Fenchel–Young losses: ≥ 0, exactly 0 when the map's output is the one-hot target (and only
 * then), gradient exactly p − e_y with p the map's output, equal to finite differences of the loss,
 * equal to the float64 reference; ignore index and reductions.
 */
class FenchelYoungLossTest {
    static final int ROWS = 6, N = 7;

    static List<Separation> maps() {
        return List.of(Separation.sparsemax(), Separation.entmax15(), Separation.entmax(1.3), Separation.entmax(1.8),
                Separation.entmaxPerRow(1.2, 1.4, 1.6, 1.8, 2.0, 1.5));
    }

    private static int[] targets(SplittableRandom rnd) {
        int[] t = new int[ROWS];
        for (int r = 0; r < ROWS; r++) t[r] = rnd.nextInt(N);
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void lossIsNonNegativeItsGradientIsPMinusYAndItMatchesTheReference(Separation map) {
        SplittableRandom rnd = new SplittableRandom(11);
        FenchelYoungLoss loss = FenchelYoungLoss.of(map).reduction(FenchelYoungLoss.Reduction.NONE);
        double[] alphas = map.rowAlphas();
        for (int trial = 0; trial < 20; trial++) {
            double[] z = gaussian(rnd, ROWS * N, 2);
            int[] y = targets(rnd);
            FenchelYoungResult<double[]> r = loss.compute(z, y, ROWS, N);
            double[] p = map.apply(z, ROWS, N);
            double sum = 0;
            for (int row = 0; row < ROWS; row++) {
                assertTrue(r.losses()[row] >= 0, "loss >= 0, row " + row + ": " + r.losses()[row]);
                double[] expectedGrad = new double[N];
                for (int i = 0; i < N; i++) expectedGrad[i] = p[row * N + i] - (i == y[row] ? 1 : 0);
                assertArrayEquals(expectedGrad, java.util.Arrays.copyOfRange(r.gradient(), row * N, row * N + N),
                        "gradient = p - e_y exactly, row " + row);
                double alpha = alphas == null ? map.alpha() : alphas[row];
                double ref = ReferenceAssociation.fenchelYoung(ReferenceSeparation.Map.of(map.kind()), alpha,
                        java.util.Arrays.copyOfRange(z, row * N, row * N + N), y[row], new double[N]);
                assertEquals(ref, r.losses()[row], 1e-12 * Math.max(1, Math.abs(ref)), "reference loss, row " + row);
                sum += r.losses()[row];
            }
            assertEquals(sum, r.loss(), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void gradientEqualsFiniteDifferencesOfTheLoss(Separation map) {
        FenchelYoungLoss loss = FenchelYoungLoss.of(map).reduction(FenchelYoungLoss.Reduction.SUM);
        AssociationGradientChecks.atAWellConditionedPoint(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] z = gaussian(rnd, ROWS * N, 1.5);
            int[] y = targets(rnd);
            double[] numeric = fd(z.clone(), x -> loss.compute(x, y, ROWS, N).loss());
            assertGradient(loss.compute(z, y, ROWS, N).gradient(), numeric, FD_TOLERANCE, map.name());
            FenchelYoungSoftTargetTest.checkAt(loss, z, FenchelYoungSoftTargetTest.distributions(rnd));  // soft targets
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maps")
    void lossIsExactlyZeroAtTheOneHotTargetsOutputAndPositiveElsewhere(Separation map) {
        // a gap of 10 in every row: each map's output is the one-hot vector of the largest score
        double[] z = new double[ROWS * N];
        int[] top = new int[ROWS], other = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            top[r] = r % N;
            other[r] = (r + 1) % N;
            z[r * N + top[r]] = 10;
        }
        FenchelYoungLoss loss = FenchelYoungLoss.of(map).reduction(FenchelYoungLoss.Reduction.NONE);
        FenchelYoungResult<double[]> atTarget = loss.compute(z, top, ROWS, N);
        for (int r = 0; r < ROWS; r++) assertEquals(0.0, atTarget.losses()[r], "row " + r);
        assertArrayEquals(new double[ROWS * N], atTarget.gradient());
        FenchelYoungResult<double[]> wrong = loss.compute(z, other, ROWS, N);
        for (int r = 0; r < ROWS; r++) assertTrue(wrong.losses()[r] > 0, "row " + r);
        // almost one-hot (the support has two entries): > 0
        double[] near = z.clone();
        for (int r = 0; r < ROWS; r++) near[r * N + other[r]] = 9.99;
        for (double l : loss.compute(near, top, ROWS, N).losses()) assertTrue(l > 0);
    }

    @Test
    void ignoreIndexAndReductions() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] z = gaussian(rnd, ROWS * N, 1);
        int[] y = targets(rnd);
        y[1] = -100;
        y[4] = -100;
        FenchelYoungLoss base = FenchelYoungLoss.of(Separation.entmax15());
        assertEquals(FenchelYoungLoss.Reduction.MEAN, base.reduction());
        assertEquals(FenchelYoungLoss.DEFAULT_IGNORE_INDEX, base.ignoreIndex());
        assertEquals(FenchelYoungLoss.Reduction.SUM, base.reduction(FenchelYoungLoss.Reduction.SUM).reduction());
        assertEquals(7, base.ignoreIndex(7).ignoreIndex());
        FenchelYoungResult<double[]> none = base.reduction(FenchelYoungLoss.Reduction.NONE).compute(z, y, ROWS, N);
        FenchelYoungResult<double[]> sum = base.reduction(FenchelYoungLoss.Reduction.SUM).compute(z, y, ROWS, N);
        FenchelYoungResult<double[]> mean = base.compute(z, y, ROWS, N); // MEAN by default
        assertEquals(0.0, none.losses()[1]);
        assertEquals(0.0, none.losses()[4]);
        for (int i = 0; i < N; i++) {
            assertEquals(0.0, none.gradient()[N + i]);
            assertEquals(0.0, none.gradient()[4 * N + i]);
        }
        double total = 0;
        for (double l : none.losses()) total += l;
        assertEquals(total, sum.loss(), 1e-15);
        assertEquals(total / 4, mean.loss(), 1e-15);
        for (int i = 0; i < ROWS * N; i++) assertEquals(sum.gradient()[i] / 4, mean.gradient()[i], 1e-16);
        int[] allIgnored = new int[ROWS];
        java.util.Arrays.fill(allIgnored, 7);
        FenchelYoungResult<double[]> nothing = base.ignoreIndex(7).compute(z, allIgnored, ROWS, N);
        assertEquals(0.0, nothing.loss());
        assertArrayEquals(new double[ROWS * N], nothing.gradient());
    }

    @Test
    void float32MatchesFloat64() {
        SplittableRandom rnd = new SplittableRandom(9);
        double[] z = gaussian(rnd, ROWS * N, 2);
        int[] y = targets(rnd);
        for (Separation map : maps()) {
            FenchelYoungLoss loss = FenchelYoungLoss.of(map);
            FenchelYoungResult<double[]> d = loss.compute(z, y, ROWS, N);
            FenchelYoungResult<float[]> f = loss.compute(ReferenceSeparation.toFloat(z), y, ROWS, N);
            assertEquals(d.loss(), f.loss(), 1e-5 * Math.max(1, d.loss()), map.name());
            assertTrue(AssociationGradientChecks.relativeError(ReferenceSeparation.toDouble(f.gradient()), d.gradient())
                    <= 1e-5, map.name());
        }
    }
}
