package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The settings {@link Retriever.Builder} and {@link UHop.Builder} share through
 * {@link RetrievalOptions}: the same defaults, the same rules with the same messages, and UHop's
 * stage II retriever gets exactly what its builder was given, record flags included.
 */
class RetrievalOptionsTest {
    private static final double[] W = {1, 0, 0, 1}; // 2 × 2 identity
    private static final double[] PATTERNS = {1, 0, 0, 1, 0.5, 0.5};

    @Test
    void bothBuildersHaveTheSameDefaults() {
        UHop uhop = UHop.builder().build();
        try (MemoryStore store = MemoryStore.ofDouble(PATTERNS, 3, 2);
             Retriever retriever = Retriever.builder(store).map(Separation.softmax()).build();
             Retriever stageTwo = uhop.stageTwo(store, LearnedKernel.of(W, 2, 2))) {
            for (Retriever r : new Retriever[] {retriever, stageTwo}) {
                assertEquals(1.0, r.beta());
                assertEquals(1, r.steps());
                assertEquals(0.0, r.eps());
                assertFalse(r.recordsWeights());
                assertFalse(r.recordsEnergies());
            }
            assertEquals(1.0, uhop.beta());
            assertEquals(1, uhop.steps());
            assertEquals(0.0, uhop.eps());
        }
    }

    @Test
    void stageTwoGetsEveryOptionOfTheUHopBuilder() {
        UHop uhop = UHop.builder().map(Separation.entmax15()).beta(0.25).steps(4).eps(1e-3)
                .recordWeights(true).recordEnergies(true).build();
        try (MemoryStore store = MemoryStore.ofDouble(PATTERNS, 3, 2);
             Retriever r = uhop.stageTwo(store, LearnedKernel.of(W, 2, 2))) {
            assertEquals(0.25, r.beta());
            assertEquals(4, r.steps());
            assertEquals(1e-3, r.eps());
            assertTrue(r.recordsWeights());
            assertTrue(r.recordsEnergies());
        }
    }

    @Test
    void bothBuildersRejectTheSameValuesWithTheSameMessage() {
        try (MemoryStore store = MemoryStore.ofDouble(PATTERNS, 3, 2)) {
            assertSameRejection(store, b -> b.beta(0));
            assertSameRejection(store, b -> b.beta(Double.POSITIVE_INFINITY));
            assertSameRejection(store, b -> b.steps(-1));
            assertSameRejection(store, b -> b.eps(Double.NaN));
        }
    }

    private static void assertSameRejection(MemoryStore store, Consumer<RetrievalOptions<?>> setter) {
        String retriever = assertThrows(IllegalArgumentException.class,
                () -> setter.accept(Retriever.builder(store))).getMessage();
        String uhop = assertThrows(IllegalArgumentException.class, () -> setter.accept(UHop.builder())).getMessage();
        assertEquals(retriever, uhop);
    }
}
