package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The backward pass checks β and every length itself (not relying on a forward call), in both
 * precisions, and bounds p^(2−α) against the precision it works in.
 */
class SeparationBackwardChecksTest {
    static final Separation SPARSEMAX = Separation.sparsemax();
    static final float[] P = {0.5f, 0.5f};
    static final float[] G = {1, -1};
    static final double[] PD = {0.5, 0.5};
    static final double[] GD = {1, -1};

    @Test
    void betaMustBeFiniteAndPositive() {
        for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = "beta must be finite and > 0, got " + beta;
            assertRejectedBeforeNative(IllegalArgumentException.class, msg,
                    () -> SPARSEMAX.backward(P, G, new float[2], 1, 2, beta), "float32, beta " + beta);
            assertRejectedBeforeNative(IllegalArgumentException.class, msg,
                    () -> SPARSEMAX.backward(PD, GD, new double[2], 1, 2, beta), "float64, beta " + beta);
        }
    }

    @Test
    void everyLengthIsNamed() {
        assertRejectedBeforeNative(IllegalArgumentException.class, "dz has length 3, expected 2 (rows * n = 1 * 2)",
                () -> SPARSEMAX.backward(P, G, new float[3], 1, 2, 1));
        assertRejectedBeforeNative(IllegalArgumentException.class, "dz has length 1, expected 2 (rows * n = 1 * 2)",
                () -> SPARSEMAX.backward(PD, GD, new double[1], 1, 2, 1));
        assertRejectedBeforeNative(IllegalArgumentException.class, "g has length 3, expected 2 (rows * n = 1 * 2)",
                () -> SPARSEMAX.backward(PD, new double[3], new double[2], 1, 2, 1));
        assertRejectedBeforeNative(IllegalArgumentException.class, "p has length 2, expected 4 (rows * n = 2 * 2)",
                () -> SPARSEMAX.backward(P, G, new float[2], 2, 2, 1));
        assertRejectedBeforeNative(NullPointerException.class, "dz must not be null",
                () -> SPARSEMAX.backward(P, G, null, 1, 2, 1));
        assertRejectedBeforeNative(NullPointerException.class, "g must not be null",
                () -> SPARSEMAX.backward(PD, null, new double[2], 1, 2, 1));
        assertRejectedBeforeNative(IllegalArgumentException.class, "this entmax has 2 per-row alphas but the batch has 1 rows",
                () -> Separation.entmaxPerRow(1.5, 2).backward(PD, GD, new double[2], 1, 2, 1));
    }

    @Test
    void float32WeightsBeyondFloat32AreRejectedFromP() {
        // α = 5: p^(2−α) = 1e-20^(−3) = 1e60, beyond float32's limit (3.4e38 / 1024) but not float64's
        float[] dz = new float[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Separation.entmax(5).backward(new float[] {1e-20f, 1}, new float[] {1, -1}, dz, 1, 2, 1.0));
        assertTrue(e.getMessage().startsWith("g and beta are too large for p in row 0: the entmax backward"), e.getMessage());
        assertTrue(e.getMessage().contains("beyond what float32 can hold"), e.getMessage());
        assertArrayEquals(new float[2], dz, "rejected before the native call");
        double[] dz64 = Separation.entmax(5).backward(new double[] {1e-20, 1}, new double[] {1, -1}, 1, 2);
        assertTrue(Double.isFinite(dz64[0]) && Double.isFinite(dz64[1]), "float64 holds the same weights");
    }
}
