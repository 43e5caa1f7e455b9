package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/** The association weights in CSR form, including the grow-and-retry path of the native protocol. */
class RetrieverWeightsTest {
    static final int M = 300, d = 8, B = 5;
    static final double[] XI = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(new Random(21), M * d, 1));
    static final double[] Q = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(new Random(22), B * d, 1));

    /** β small enough that sparsemax keeps well over 64 patterns per query, more than the first buffer. */
    static final double WIDE_BETA = 0.003;

    @Test
    void wideSupportsGrowTheBufferOnce() {
        for (Precision p : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(p, XI, M, d);
                 Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(WIDE_BETA)
                         .recordWeights(true).build()) {
                long before = NativeCalls.count();
                Retrieval got = RetrievalFixtures.retrieve(r, Q, B);
                assertEquals(2, NativeCalls.count() - before, "one call too small, one retry");
                SparseWeights w = got.weights();
                assertTrue(w.entryCount() > (long) B * NativeRetrieval.INITIAL_SUPPORT_PER_QUERY, "supports are wide");
                double[] expected = ReferenceRetrieval.of(XI, M, d).map(ReferenceSeparation.Map.SPARSEMAX, 0)
                        .beta(WIDE_BETA).retrieve(Q, B).weights();
                assertClose(expected, RetrievalFixtures.dense(w), p == Precision.FLOAT32 ? 1e-5 : 1e-12, "weights");
            }
        }
    }

    @Test
    void forcedTinyCapacitiesGiveTheSameResult() {
        for (Separation map : new Separation[] {Separation.sparsemax(), Separation.softmax(), Separation.entmax(1.3)}) {
            try (MemoryStore store = RetrievalFixtures.store(Precision.FLOAT32, XI, M, d)) {
                Retriever.Builder b = Retriever.builder(store).map(map).beta(0.5).steps(2).recordWeights(true)
                        .recordEnergies(true);
                Retrieval normal = RetrievalFixtures.retrieve(b.build(), Q, B);
                for (long capacity : new long[] {0, 1, normal.weights().entryCount() - 1}) {
                    long before = NativeCalls.count();
                    Retrieval retried = RetrievalFixtures.retrieve(b.weightCapacity(capacity).build(), Q, B);
                    assertEquals(2, NativeCalls.count() - before, map + " capacity " + capacity + " retries once");
                    IdenticalRetrievals.assertIdenticalFloat32(normal, retried, map + " capacity " + capacity);
                }
                // exactly enough: one call
                long exact = normal.weights().entryCount();
                long before = NativeCalls.count();
                Retrieval fits = RetrievalFixtures.retrieve(b.weightCapacity(exact).build(), Q, B);
                assertEquals(1, NativeCalls.count() - before);
                assertArrayEquals(normal.weights().indices(), fits.weights().indices());
            }
        }
    }

    @Test
    void csrAccessors() {
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 0, 0, 1, -1, 0}, 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(0.5).recordWeights(true).build()) {
            // s = (1, .5, -1) for x = (1, .5); beta .5: z = (.5, .25, -.5) -> p = (.625, .375, 0)
            SparseWeights w = r.retrieve(new double[] {1, 0.5, 0, 3}, 2).weights();
            assertEquals(2, w.rows());
            assertEquals(3, w.columns());
            assertEquals(Precision.FLOAT64, w.precision());
            assertArrayEquals(new int[] {0, 1}, w.rowIndices(0));
            assertArrayEquals(new double[] {0.625, 0.375}, w.rowValues(0), 1e-15);
            assertArrayEquals(new double[] {0.625, 0.375, 0}, w.denseRow(0), 1e-15);
            assertEquals(0.0, w.get(0, 2));
            assertArrayEquals(new int[] {1}, w.rowIndices(1));     // x = (0, 3): one-hot on pattern 1
            assertArrayEquals(new long[] {0, 2, 3}, w.offsets());
            assertEquals(3, w.entryCount());
            assertThrows(IllegalStateException.class, w::floatValues);
            assertThrows(IndexOutOfBoundsException.class, () -> w.rowSize(2));
        }
    }

    @Test
    void zeroStepsGiveTheWeightsOfTheQueries() {
        try (MemoryStore store = RetrievalFixtures.store(Precision.FLOAT64, XI, M, d);
             Retriever r = Retriever.builder(store).map(Separation.entmax15()).beta(0.7).steps(0)
                     .recordWeights(true).recordEnergies(true).build()) {
            Retrieval got = r.retrieve(Q, B);
            assertArrayEquals(Q, got.doubleStates());
            assertArrayEquals(new int[B], got.steps());
            assertArrayEquals(got.energyBefore(), got.energyAfter());
            ReferenceRetrieval ref = ReferenceRetrieval.of(XI, M, d).map(ReferenceSeparation.Map.ENTMAX15, 0).beta(0.7);
            assertClose(ref.steps(0).retrieve(Q, B).weights(), RetrievalFixtures.dense(got.weights()), 1e-12, "weights");
        }
    }

    @Test
    void polyStoresPositiveScoresOnly() {
        double[] xi = {1, 0, 0, 1, -1, 0, 0, -1};
        try (MemoryStore store = MemoryStore.ofDouble(xi, 4, 2);
             Retriever r = Retriever.builder(store).polynomial(2).recordWeights(true).build()) {
            // x = (2, 1): s = (2, 1, -2, -1) -> p = (.8, .2, 0, 0); x = (-1, -1): s = (-1, -1, 1, 1) -> (0, 0, .5, .5)
            Retrieval got = r.retrieve(new double[] {2, 1, -1, -1}, 2);
            assertArrayEquals(new int[] {0, 1}, got.weights().rowIndices(0));
            assertArrayEquals(new double[] {0.8, 0.2}, got.weights().rowValues(0), 1e-15);
            assertArrayEquals(new int[] {2, 3}, got.weights().rowIndices(1));
            assertArrayEquals(new double[] {0.8, 0.2, -0.5, -0.5}, got.doubleStates(), 1e-15);
        }
        try (MemoryStore store = MemoryStore.ofDouble(xi, 4, 2);
             Retriever r = Retriever.builder(store).polynomial(10).similarity(Similarity.negativeL2())
                     .recordWeights(true).build()) {
            Retrieval got = r.retrieve(new double[] {2, 1}, 1);
            assertEquals(0, got.weights().rowSize(0), "no positive score: no weights");
            assertArrayEquals(new double[] {0, 0}, got.doubleStates(), 0);
        }
    }

    @Test
    void emptyBatch() {
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1, 2}, 1, 2);
             Retriever r = Retriever.builder(store).map(Separation.sparsemax()).recordWeights(true)
                     .recordEnergies(true).build()) {
            long before = NativeCalls.count();
            Retrieval got = r.retrieve(new float[0], 0);
            assertEquals(before, NativeCalls.count(), "nothing to do: no native call");
            assertEquals(0, got.batchSize());
            assertEquals(0, got.floatStates().length);
            assertEquals(0, got.weights().rows());
            assertEquals(0, got.energyBefore().length);
        }
    }
}
