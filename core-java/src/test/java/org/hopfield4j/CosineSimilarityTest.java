package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Cosine similarity through the public API: what makes it differ from dot, the zero-vector rule,
 * scale invariance, and no energy. (Native against the float64 reference for every map: the COSINE
 * entry of {@link Similarity.Kind} in {@link RetrieverReferenceTest}'s grid.)
 */
class CosineSimilarityTest {

    /** A long pattern wins the dot product; cosine picks the pattern pointing the query's way. */
    @Test
    void picksTheDirectionNotTheLength() {
        double[] patterns = {100, 0, 0, 0.6, 0.8, 0};
        double[] query = {0.5, 0.8, 0};
        try (MemoryStore store = MemoryStore.ofDouble(patterns, 2, 3);
             Retriever dot = Retriever.builder(store).map(Separation.sparsemax()).beta(4).build();
             Retriever cosine = Retriever.builder(store).map(Separation.sparsemax()).beta(4)
                     .similarity(Similarity.cosine()).build()) {
            assertArrayEquals(new double[] {100, 0, 0}, dot.retrieve(query, 1).doubleStates(), 0);
            assertArrayEquals(new double[] {0.6, 0.8, 0}, cosine.retrieve(query, 1).doubleStates(), 0);
        }
    }

    /** A zero query or a zero pattern scores 0: softmax of all-zero scores is uniform. */
    @Test
    void aZeroVectorScoresZero() {
        float[] patterns = {1, 0, 0, 0, 0, 0, 0, -2, 0};      // the middle pattern is zero
        try (MemoryStore store = MemoryStore.ofFloat(patterns, 3, 3);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.cosine())
                     .recordWeights(true).build()) {
            Retrieval zeroQuery = r.retrieve(new float[3], 1);
            assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, zeroQuery.weights().denseRow(0), 1e-7);
            // query along pattern 0: scores (1, 0, 0), the zero pattern scoring like the orthogonal one
            double[] w = r.retrieve(new float[] {3, 0, 0}, 1).weights().denseRow(0);
            double e = Math.E;
            assertArrayEquals(new double[] {e / (e + 2), 1 / (e + 2), 1 / (e + 2)}, w, 1e-6);
        }
    }

    @Test
    void scalingTheQueryOrThePatternsChangesNothing() {
        double[] patterns = {0.3, -1.2, 2, 0.5, 0.5, -0.1, -1, 0.2, 0.7, 3, 1, 1};
        double[] query = {0.2, 0.4, -0.3};
        double[] scaledPatterns = patterns.clone();
        for (int i = 0; i < scaledPatterns.length; i++) scaledPatterns[i] *= (i / 3 + 1) * 1000.0;
        try (MemoryStore store = MemoryStore.ofDouble(patterns, 4, 3);
             MemoryStore scaled = MemoryStore.ofDouble(scaledPatterns, 4, 3);
             Retriever a = Retriever.builder(store).map(Separation.softmax()).beta(3).similarity(Similarity.cosine())
                     .recordWeights(true).build();
             Retriever b = Retriever.builder(scaled).map(Separation.softmax()).beta(3).similarity(Similarity.cosine())
                     .recordWeights(true).build()) {
            double[] w = a.retrieve(query, 1).weights().denseRow(0);
            double[] q1000 = {200, 400, -300};
            assertArrayEquals(w, a.retrieve(q1000, 1).weights().denseRow(0), 1e-14);
            assertArrayEquals(w, b.retrieve(query, 1).weights().denseRow(0), 1e-14);
        }
    }

    @Test
    void hasNoEnergyAndIsNamedInTheRegistry() {
        assertFalse(Similarity.cosine().hasEnergy());
        assertEquals("cosine", Similarity.cosine().name());
        assertEquals(Similarity.Kind.COSINE, Similarity.named("COSINE").kind());
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1, 2, 3, 4}, 2, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Retriever.builder(store)
                    .map(Separation.softmax()).similarity(Similarity.cosine()).recordEnergies(true).build());
            assertTrue(e.getMessage().contains("not cosine"), e.getMessage());
        }
    }
}
