package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;

import org.junit.jupiter.api.Test;

/** The backward pass checks β and every length itself (not relying on a forward call), in both precisions. */
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
}
