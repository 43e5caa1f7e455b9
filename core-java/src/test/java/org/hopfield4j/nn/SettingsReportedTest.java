package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;

/** The retrieval gradient reports its retriever's settings; an association's description says which masks it has. */
class SettingsReportedTest {
    @Test
    void aRetrievalGradientHasItsRetrieversSettings() {
        Separation map = Separation.entmax(1.3);
        try (MemoryStore store = MemoryStore.ofDouble(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
             Retriever r = Retriever.builder(store).map(map).beta(2.5).steps(3).build()) {
            RetrievalGradient g = RetrievalGradient.of(r);
            assertSame(r.map(), g.map());
            assertEquals(3, g.steps());
            assertEquals(2.5, g.beta());
            assertSame(r.similarity(), g.similarity());
        }
    }

    @Test
    void anAssociationDescribesItsMapShapeAndMasks() {
        Association.Shape shape = new Association.Shape(1, 1, 2, 1, 1);
        Association a = Association.of(Separation.sparsemax(), shape);
        assertEquals("Association(sparsemax, " + shape + ")", a.toString());
        assertEquals("Association(sparsemax, " + shape + ", masked, dropout)",
                a.withKeyCounts(new int[] {1}).withDropout(new boolean[] {true, true}, 0.5).toString());
    }
}
