package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The losses stay exact at logits whose exponential overflows: the sigmoid and the softmax are computed
 * from the side that cannot overflow, so the values and gradients equal their limits worked out by hand.
 */
class LossLargeLogitsTest {
    @Test
    void binaryCrossEntropyOfHugeLogitsIsTheirHingeAndTheGradientIsExact() {
        Loss l = Loss.binaryCrossEntropy(Batch.rows(new double[] {1000, -1000, 1000, -1000}, 4, 1), new double[] {1, 0, 0, 1});
        // softplus(z) - y z: 0, 0, 1000, 1000
        assertEquals(500.0, l.value(), 0.0);
        // (sigmoid(z) - y) / 4 with sigmoid(1000) = 1, sigmoid(-1000) = 0
        assertArrayEquals(new double[] {0, 0, 0.25, -0.25}, l.gradient().values(), 0.0);
    }

    @Test
    void crossEntropyOfRowsOfVeryDifferentScalesIsExact() {
        // each row its own shift: row 1 near 1000, row 2 near -1000, row 0 small
        double[] z = {0, Math.log(3), 0, 1000, 1000 + Math.log(3), 1000, -1000, -1000 + Math.log(3), -1000};
        Loss l = Loss.crossEntropy(Batch.rows(z, 3, 3), new int[] {1, 0, 2});
        // softmax of every row is (1, 3, 1) / 5: losses log(5/3), log 5, log 5
        assertEquals((Math.log(5.0 / 3) + 2 * Math.log(5)) / 3, l.value(), 1e-12);
        double[] g = {0.2, 0.6 - 1, 0.2, 0.2 - 1, 0.6, 0.2, 0.2, 0.6, 0.2 - 1};
        for (int i = 0; i < g.length; i++) g[i] /= 3;
        assertArrayEquals(g, l.gradient().values(), 1e-12);
    }
}
