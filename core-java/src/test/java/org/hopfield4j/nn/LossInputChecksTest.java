package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The classification losses reject targets and labels of the wrong count or range, naming them. */
class LossInputChecksTest {
    private static final Batch FOUR = Batch.rows(new double[] {0.1, -0.2, 0.3, 0.4}, 4, 1);
    private static final Batch TWO_ROWS_OF_THREE = Batch.rows(new double[] {1, 2, 3, -1, 0, 4}, 2, 3);

    @Test
    void binaryTargetsNeedOnePerBag() {
        assertMessage("targets has length 3, expected 4 (one per bag)", () -> Loss.binaryCrossEntropy(FOUR, new double[3]));
        assertMessage("targets has length 5, expected 4 (one per bag)", () -> Loss.binaryCrossEntropy(FOUR, new double[5]));
    }

    @Test
    void labelsNeedOnePerBagEachAClass() {
        assertMessage("labels has length 1, expected 2 (one per bag)", () -> Loss.crossEntropy(TWO_ROWS_OF_THREE, new int[] {0}));
        assertMessage("labels has length 3, expected 2 (one per bag)",
                () -> Loss.crossEntropy(TWO_ROWS_OF_THREE, new int[] {0, 1, 2}));
        assertMessage("labels[0] must be in [0, 3), got 3", () -> Loss.crossEntropy(TWO_ROWS_OF_THREE, new int[] {3, 0}));
        assertMessage("labels[1] must be in [0, 3), got -1", () -> Loss.crossEntropy(TWO_ROWS_OF_THREE, new int[] {2, -1}));
    }

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
