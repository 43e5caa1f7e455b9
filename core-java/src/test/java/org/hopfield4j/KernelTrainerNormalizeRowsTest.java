package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** KernelTrainer.normalizeRows: each row to unit norm, a zero row left as is, W's length checked. */
class KernelTrainerNormalizeRowsTest {

    @Test
    void everyRowGetsUnitNormAndAZeroRowStaysZero() {
        double[] w = {3, 4, 0, 0, 0, 0, 0, -2, 0};    // rows of norm 5, 0, 2
        KernelTrainer.normalizeRows(w, 3, 3);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0, 0, 0, -1, 0}, w, 1e-15);
    }

    @Test
    void aWOfTheWrongLengthIsRejectedNamingW() {
        for (int length : new int[] {5, 7}) {
            double[] w = new double[length];
            java.util.Arrays.fill(w, 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelTrainer.normalizeRows(w, 2, 3));
            assertEquals("W has length " + length + ", expected 6 (D * d = 2 * 3)", e.getMessage());
            for (double v : w) assertEquals(2, v, "nothing was scaled");
        }
    }
}
