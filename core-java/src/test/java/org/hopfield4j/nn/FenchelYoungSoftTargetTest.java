package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.FD_TOLERANCE;
import static org.hopfield4j.nn.AssociationGradientChecks.assertGradient;
import static org.hopfield4j.nn.AssociationGradientChecks.fd;
import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.hopfield4j.nn.FenchelYoungLossTest.N;
import static org.hopfield4j.nn.FenchelYoungLossTest.ROWS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fenchel–Young losses against target distributions ({@link FenchelYoungLoss#computeSoft}): ≥ 0, 0
 * when the target is the map's own output, gradient p − y equal to finite differences ({@link #checkAt},
 * at the points of {@link FenchelYoungLossTest}), the one-hot target's loss equal to the hard-target
 * (native) loss, and validation of the targets.
 */
class FenchelYoungSoftTargetTest {

    /** Random probability vectors, some entries exactly 0 (as a sparse map's outputs have). */
    static double[] distributions(SplittableRandom rnd) {
        double[] y = new double[ROWS * N];
        for (int r = 0; r < ROWS; r++) {
            double sum = 0;
            for (int j = 0; j < N; j++) {
                y[r * N + j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
                sum += y[r * N + j];
            }
            if (sum == 0) y[r * N] = sum = 1;
            for (int j = 0; j < N; j++) y[r * N + j] /= sum;
        }
        return y;
    }

    /**
     * At scores z and targets y: gradient p − y exactly, losses ≥ 0, gradient = central differences
     * (run by {@link FenchelYoungLossTest#gradientEqualsFiniteDifferencesOfTheLoss} at its points).
     */
    static void checkAt(FenchelYoungLoss loss, double[] z, double[] y) {
        FenchelYoungResult<double[]> r = loss.computeSoft(z, y, ROWS, N);
        double[] p = loss.map().apply(z, ROWS, N);
        for (int i = 0; i < p.length; i++) assertEquals(p[i] - y[i], r.gradient()[i], 0.0, "p - y, entry " + i);
        for (double l : r.losses()) assertTrue(l >= 0, "loss >= 0: " + l);
        double[] numeric = fd(z.clone(), x -> loss.computeSoft(x, y, ROWS, N).loss());
        assertGradient(r.gradient(), numeric, FD_TOLERANCE, loss.map().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hopfield4j.nn.FenchelYoungLossTest#maps")
    void zeroAtTheMapsOwnOutputAndTheOneHotLossIsTheHardTargetLoss(Separation map) {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] z = gaussian(rnd, ROWS * N, 2);
        FenchelYoungLoss loss = FenchelYoungLoss.of(map).reduction(FenchelYoungLoss.Reduction.NONE);
        FenchelYoungResult<double[]> own = loss.computeSoft(z, map.apply(z, ROWS, N), ROWS, N);
        for (int r = 0; r < ROWS; r++) assertEquals(0.0, own.losses()[r], 1e-14, "target = p, row " + r);
        assertArrayEquals(new double[ROWS * N], own.gradient(), "target = p: gradient 0");

        int[] classes = new int[ROWS];
        double[] oneHot = new double[ROWS * N];
        for (int r = 0; r < ROWS; r++) {
            classes[r] = rnd.nextInt(N);
            oneHot[r * N + classes[r]] = 1;
        }
        FenchelYoungResult<double[]> soft = loss.computeSoft(z, oneHot, ROWS, N);
        FenchelYoungResult<double[]> hard = loss.compute(z, classes, ROWS, N);
        for (int r = 0; r < ROWS; r++) {
            assertEquals(hard.losses()[r], soft.losses()[r], 1e-12 * Math.max(1, hard.losses()[r]), "row " + r);
        }
        assertArrayEquals(hard.gradient(), soft.gradient(), 1e-15);
    }

    @Test
    void meanDividesByTheRowsAndTargetsMustBeDistributions() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] z = gaussian(rnd, ROWS * N, 1);
        double[] y = distributions(rnd);
        FenchelYoungLoss base = FenchelYoungLoss.of(Separation.entmax15());
        FenchelYoungResult<double[]> sum = base.reduction(FenchelYoungLoss.Reduction.SUM).computeSoft(z, y, ROWS, N);
        FenchelYoungResult<double[]> mean = base.computeSoft(z, y, ROWS, N);
        assertEquals(sum.loss() / ROWS, mean.loss(), 1e-15);
        assertEquals(sum.gradient()[3] / ROWS, mean.gradient()[3], 1e-16);

        double[] negative = y.clone();
        negative[0] = -0.1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.computeSoft(z, negative, ROWS, N))
                .getMessage().startsWith("targets[0][0] = -0.1"));
        double[] unnormalised = y.clone();
        unnormalised[N + 1] += 0.5;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.computeSoft(z, unnormalised, ROWS, N))
                .getMessage().startsWith("targets row 1 sums to"));
    }
}
