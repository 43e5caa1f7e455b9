package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The stored patterns' own overflow bounds apply only when a step is taken (Retriever#retrieve's
 * documented errors): at zero steps the queries come back unchanged, so patterns too large to be
 * summed (float32: M · max|pattern|) or to be scored against a state made of them (float64:
 * |pattern|² beyond the limit) do not stop small queries.
 */
class RetrieverZeroStepsBoundsTest {
    // four float32 patterns of norm 1e37: M · max|pattern| = 4e37 exceeds float32's limit (3.4e38 / 1024)
    static final float[] HUGE_F = {1e37f, 0, 0, 1e37f, -1e37f, 0, 0, -1e37f};
    // float64 patterns of norm 1e154: after a step, |x · pattern| could reach 1e308 (limit 1.8e308 / 1024)
    static final double[] HUGE_D = {1e154, 0, 0, 1e154, -1e154, 0, 0, -1e154};
    static final float[] QUERIES_F = {1e-3f, 2e-3f};
    static final double[] QUERIES_D = {1e-3, 2e-3};

    @Test
    void float32PatternsTooLargeToSumStopAStepButNotZeroSteps() {
        try (MemoryStore store = MemoryStore.ofFloat(HUGE_F, 4, 2)) {
            try (Retriever none = Retriever.builder(store).map(Separation.softmax()).steps(0).build()) {
                Retrieval r = none.retrieve(QUERIES_F, 1);
                assertArrayEquals(QUERIES_F, r.floatStates());
                assertEquals(0, r.steps(0));
            }
            try (Retriever one = Retriever.builder(store).map(Separation.softmax()).steps(1).build()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.retrieve(QUERIES_F, 1));
                assertTrue(e.getMessage().startsWith("the memory store's patterns are too large to retrieve in float32"),
                        e.getMessage());
            }
        }
    }

    @Test
    void float64PatternsTooLargeToScoreStopAStepButNotZeroSteps() {
        try (MemoryStore store = MemoryStore.ofDouble(HUGE_D, 4, 2)) {
            try (Retriever none = Retriever.builder(store).map(Separation.sparsemax()).steps(0).build()) {
                Retrieval r = none.retrieve(QUERIES_D, 1);
                assertArrayEquals(QUERIES_D, r.doubleStates());
                assertEquals(0, r.steps(0));
            }
            try (Retriever one = Retriever.builder(store).map(Separation.sparsemax()).steps(1).build()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.retrieve(QUERIES_D, 1));
                assertTrue(e.getMessage().startsWith("the memory store's patterns are too large: after a step"),
                        e.getMessage());
            }
        }
    }
}
