package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every read and every append releases the stores it held, so that close frees them; the store keeps
 * its patterns' Manhattan norm, which bounds −Manhattan scores.
 */
class MemoryStoreHoldsTest {

    @Test
    void readsAndAppendsReleaseWhatTheyHeld() {
        MemoryStore a = MemoryStore.ofDouble(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {3, 4}, a.pattern(1));
        assertArrayEquals(new float[] {1, 2}, a.floatPattern(0));
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.toDoubleArray());
        MemoryStore b = a.append(new double[] {5, 6}, 1);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.toDoubleArray());
        a.close();
        assertTrue(a.isFreed(), "reads and the append released the source");
        b.close();
        assertTrue(b.isFreed(), "the appended store was released after the copy");
    }

    @Test
    void manhattanScoresAreBoundedWithThePatternsL1Norm() {
        // float32 limit 3.4e38 / 1024 = 3.3e35: L1 = 4e35 is beyond it, L2 = 2e35 is not; after a step the
        // state may be the pattern, so the bound is 4e35 + 4e35
        float v = 1e35f;
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {v, v, v, v}, 1, 4);
             Retriever manhattan = Retriever.builder(store).map(Separation.softmax())
                     .similarity(Similarity.negativeManhattan()).beta(1).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> manhattan.retrieve(new float[] {0, 0, 0, 0}, 1));
            // the query is 0: the culprit is the patterns (their L1 norm, 4e35 + 4e35 after a step)
            assertTrue(e.getMessage().startsWith("the memory store's patterns are too large: after a step the state is a "
                    + "combination of them and |similarity| could reach 8.0"),
                    e.getMessage());
            assertEquals(4e35, store.maxL1Norm(), 1e30);
            assertEquals(2e35, store.maxNorm(), 1e30);
        }
    }
}
