package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Softmax retrieval at scores β·s far beyond 1e16 (the fuzzer's finding): the shifted exponent of the
 * largest score must be exactly 0. A fused multiply-subtract (β·s − c as one FMA, c = β·max s rounded)
 * left the rounding error of c there, and exp of it overflowed to a NaN state.
 */
class HugeScoreSoftmaxTest {
    @Test
    void oneMemoryAndAHugeBetaRetrieveThatMemory() {
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1}, 1, 1);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).beta(1e30).build()) {
            assertArrayEquals(new double[] {1.0}, r.retrieve(new double[] {100}, 1).doubleStates(), 0.0);
        }
    }

    @Test
    void theLargestOfSeveralHugeScoresWinsOutright() {
        double[] xi = {1, 0, 0, 1, 0.6, 0.8};   // three unit patterns in 2-D
        for (double beta : new double[] {1e20, 1e30, 1e100}) {
            try (MemoryStore store = MemoryStore.ofDouble(xi, 3, 2);
                 Retriever r = Retriever.builder(store).map(Separation.softmax()).beta(beta).build()) {
                double[] state = r.retrieve(new double[] {3, 1}, 1).doubleStates();
                assertEquals(1.0, state[0], 0.0, "beta " + beta);
                assertEquals(0.0, state[1], 0.0, "beta " + beta);
            }
        }
    }
}
