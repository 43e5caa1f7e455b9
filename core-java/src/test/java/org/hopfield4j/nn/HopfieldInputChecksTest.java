package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A Hopfield layer's three inputs are checked against its widths and against each other, naming the input. */
class HopfieldInputChecksTest {
    private static final Hopfield LAYER = Hopfield.builder(4).storedWidth(3).valueWidth(2).build();
    private static final Batch STATE = FiniteDifferences.randomBags(new int[] {2, 1}, 4, 1);
    private static final Batch STORED = FiniteDifferences.randomBags(new int[] {3, 2}, 3, 2);
    private static final Batch VALUES = FiniteDifferences.randomBags(new int[] {3, 2}, 2, 3);

    @Test
    void eachInputNeedsItsWidth() {
        LAYER.forward(STATE, STORED, VALUES, false);
        assertMessage("stored rows must have 3 values, got 2", () -> LAYER.forward(STATE, VALUES, VALUES, false));
        assertMessage("values rows must have 2 values, got 3", () -> LAYER.forward(STATE, STORED, STORED, false));
    }

    @Test
    void valuesNeedTheStoredPatternsRowsInEveryBag() {
        Batch swapped = FiniteDifferences.randomBags(new int[] {2, 3}, 2, 3);   // same length, other sizes
        assertMessage("values must have the stored patterns' rows per bag, got Batch[2 bags x 3 rows x 2, padded] for "
                + "Batch[2 bags x 3 rows x 3, padded]", () -> LAYER.forward(STATE, STORED, swapped, false));
    }

    @Test
    void inputsWhoseScoresCouldOverflowAreRejectedInEitherPrecision() {
        for (Precision precision : Precision.values()) {
            double big = precision == Precision.FLOAT32 ? 1e19 : 1e160;
            Hopfield raw = Hopfield.builder(2).projections(false, false, false, false).normalize(false, false, false)
                    .precision(precision).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> raw.forward(Batch.rows(new double[] {big, 1, 1, -big}, 2, 2), false));
            assertTrue(e.getMessage().contains("could overflow the scores in " + precision),
                    e.getMessage());
        }
    }

    private static void assertMessage(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
