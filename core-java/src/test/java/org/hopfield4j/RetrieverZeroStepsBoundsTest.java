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

    @Test
    void float32PatternsTooLargeToSumStopAStepButNotZeroSteps() {
        // four float32 patterns of norm 1e37: M · max|pattern| = 4e37 exceeds float32's limit (3.4e38 / 1024)
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1e37f, 0, 0, 1e37f, -1e37f, 0, 0, -1e37f}, 4, 2)) {
            assertOnlyAStepIsRejected(store, Separation.softmax(), new float[] {1e-3f, 2e-3f},
                    "the memory store's patterns are too large to retrieve in float32");
        }
    }

    @Test
    void float64PatternsTooLargeToScoreStopAStepButNotZeroSteps() {
        // float64 patterns of norm 1e154: after a step, |x · pattern| could reach 1e308 (limit 1.8e308 / 1024)
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1e154, 0, 0, 1e154, -1e154, 0, 0, -1e154}, 4, 2)) {
            assertOnlyAStepIsRejected(store, Separation.sparsemax(), new double[] {1e-3, 2e-3},
                    "the memory store's patterns are too large: after a step");
        }
    }

    /** One query (a float[] or double[] of length 2): returned as is at zero steps, rejected with one step. */
    private static void assertOnlyAStepIsRejected(MemoryStore store, Separation map, Object query, String message) {
        double[] expected = store.precision() == Precision.FLOAT32 ? new double[] {((float[]) query)[0], ((float[]) query)[1]}
                : (double[]) query;
        try (Retriever none = Retriever.builder(store).map(map).steps(0).build()) {
            Retrieval r = retrieve(none, query);
            assertArrayEquals(expected, r.state(0));
            assertEquals(0, r.steps(0));
        }
        try (Retriever one = Retriever.builder(store).map(map).steps(1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> retrieve(one, query));
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        }
    }

    private static Retrieval retrieve(Retriever r, Object query) {
        return query instanceof float[] f ? r.retrieve(f, 1) : r.retrieve((double[]) query, 1);
    }
}
