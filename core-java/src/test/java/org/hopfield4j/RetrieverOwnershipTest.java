package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.Test;

/**
 * A retriever owns native memory only for a learned kernel (its keys, and W if given) and frees it on close;
 * every call releases the store it used; the first weight buffer is big enough for the usual call.
 */
class RetrieverOwnershipTest {
    static final double[] XI = {1, 0, 0, 1, 1, 1};
    static final double[] W = {2, 0, 0, 1};
    static final double[] KEYS = {2, 0, 0, 1, 2, 1};   // W xi, one row per pattern

    @Test
    void kernelKeysAndWAreHeldUntilClose() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, 3, 2)) {
            Retriever[] kernels = {
                Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(W, 2, 2)).build(),
                Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernelKeys(KEYS, 3, 2)).build(),
                Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernelKeys(KEYS, 3, 2, W, 2)).build()};
            for (Retriever r : kernels) {
                assertFalse(r.ownedMemoryFreed(), "an open kernel retriever holds its keys");
                r.close();
                assertTrue(r.ownedMemoryFreed(), "close frees them");
            }
        }
    }

    @Test
    void aPlainRetrieverOwnsNothing() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.negativeL2()).build()) {
            assertTrue(r.ownedMemoryFreed());
        }
    }

    @Test
    void everyRetrievalReleasesTheStoreSoCloseFreesIt() {
        for (int steps : new int[] {0, 1, 3}) {
            MemoryStore store = MemoryStore.ofDouble(XI, 3, 2);
            try (Retriever r = Retriever.builder(store).map(Separation.sparsemax()).steps(steps).recordWeights(true).build()) {
                double[] q = {0.25, -0.5, 3, 1};
                Retrieval got = r.retrieve(q, 2);
                if (steps == 0) assertArrayEquals(q, got.doubleStates(), 0.0, "zero steps give the queries back");
            }
            store.close();
            assertTrue(store.isFreed(), steps + " steps: the store was released after the call");
        }
    }

    @Test
    void theFirstWeightBufferHoldsNarrowSupportsAndEverySoftmaxWeight() {
        try (MemoryStore store = MemoryStore.ofDouble(XI, 3, 2)) {
            for (Separation map : new Separation[] {Separation.sparsemax(), Separation.softmax(), Separation.entmax(1.3)}) {
                try (Retriever r = Retriever.builder(store).map(map).recordWeights(true).build()) {
                    long before = NativeCalls.count();
                    Retrieval got = r.retrieve(new double[] {0.25, -0.5, 3, 1, 0, 0}, 3);
                    assertEquals(1, NativeCalls.count() - before, map + ": no retry");
                    assertEquals(map.equals(Separation.softmax()) ? 9 : got.weights().entryCount(), got.weights().entryCount());
                }
            }
        }
    }
}
