package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Batch#of}'s checks of its shape, sizes and zero padding, and what a batch reports about its bags. */
class BatchChecksTest {
    /** Two bags of three rows of two values; bag 0 holds 2 real rows, bag 1 all 3. */
    private static double[] padded() {
        return new double[] {1, 2, 3, 4, 0, 0, 5, 6, 7, 8, 9, 10};
    }

    @Test
    void aPaddedBatchIsAccepted() {
        Batch b = Batch.of(padded(), 2, 3, 2, new int[] {2, 3});
        assertArrayEquals(new int[] {2, 3}, b.sizes());
        assertFalse(b.isFull());
        assertTrue(Batch.of(padded(), 2, 3, 2, null).isFull(), "no sizes: every row is real");
        assertTrue(Batch.ofBags(List.of(new double[] {1, 2}, new double[] {3, 4}), 2).isFull());
        assertFalse(Batch.of(new double[] {1, 0, 2, 0}, 2, 2, 1, new int[] {1, 1}).isFull(), "no bag is full");
    }

    @Test
    void theWrongNumberOfValuesOrSizesIsRejected() {
        assertMessage("values has length 11, expected 12", () -> Batch.of(new double[11], 2, 3, 2, null));
        assertMessage("values has length 13, expected 12", () -> Batch.of(new double[13], 2, 3, 2, null));
        assertMessage("sizes has length 3, expected 2", () -> Batch.of(padded(), 2, 3, 2, new int[] {2, 3, 3}));
        assertMessage("sizes has length 1, expected 2", () -> Batch.of(padded(), 2, 3, 2, new int[] {2}));
    }

    @Test
    void sizesOutsideOneToLengthAreRejected() {
        assertMessage("sizes[1] must be in [1, 3], got 0", () -> Batch.of(new double[12], 2, 3, 2, new int[] {3, 0}));
        assertMessage("sizes[0] must be in [1, 3], got 4", () -> Batch.of(new double[12], 2, 3, 2, new int[] {4, 3}));
    }

    @Test
    void anyNonZeroPaddingValueIsRejected() {
        for (int i : new int[] {4, 5}) {
            double[] v = padded();
            v[i] = 0.5;
            assertMessage("values of the padding of bag 0 must be 0, found 0.5 at index " + i,
                    () -> Batch.of(v, 2, 3, 2, new int[] {2, 3}));
        }
        double[] v = {1, 2, 0, 0, 0, 0, 5, 6, 7, 8, 0, 3};
        assertMessage("values of the padding of bag 1 must be 0, found 3.0 at index 11",
                () -> Batch.of(v, 2, 3, 2, new int[] {1, 2}));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage().split(" \\(")[0]);
    }
}
