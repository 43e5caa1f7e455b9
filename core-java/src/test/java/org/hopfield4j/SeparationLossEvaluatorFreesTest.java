package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * An evaluator frees every native block it owns when it is closed, not later by a cleaner (JavaCPP's
 * own accounting, {@link Pointer#totalBytes()}): its W and gradient buffers, a copied subset of rows,
 * and the subset too when construction fails after the copy.
 */
class SeparationLossEvaluatorFreesTest {
    static final int M = 6, d = 4, D = 3;
    static final double[] XI = SeparationLossTest.gaussian(new SplittableRandom(5), M * d, 1.0);
    static final double[] W = SeparationLossTest.gaussian(new SplittableRandom(6), D * d, 0.5);

    @Test
    void closingFreesTheWAndGradientBuffers() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, M, d)) {
            long before = Pointer.totalBytes();
            SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true);
            assertEquals(before + 2L * D * d * Double.BYTES, Pointer.totalBytes(), "W and its gradient, D x d doubles each");
            e.evaluate(W);
            e.close();
            assertEquals(before, Pointer.totalBytes());
        }
    }

    @Test
    void aOneShotLossOverChosenRowsFreesTheirCopy() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, M, d)) {
            long before = Pointer.totalBytes();
            SeparationLoss.DL.evaluate(W, D, store, new int[] {4, 0, 2}, 2, true);
            assertEquals(before, Pointer.totalBytes(), "the three copied rows and both buffers are freed");
        }
    }

    @Test
    void aFailedConstructionFreesTheCopiedRows() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, M, d)) {
            long before = Pointer.totalBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SeparationLoss.AVG.evaluate(W, D, store, new int[] {1, 3}, Double.NaN, true));
            assertEquals("t must be finite and > 0, got NaN", e.getMessage());
            assertEquals(before, Pointer.totalBytes(), "the copy of rows 1 and 3 was freed with the failure");
        }
    }
}
