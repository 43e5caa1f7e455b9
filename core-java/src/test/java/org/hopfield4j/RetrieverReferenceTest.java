package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hopfield4j.RetrievalFixtures.MapCase;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native retrieval equals the float64 reference for every map × similarity × steps × precision:
 * states, steps, weights (dense) and energies.
 */
class RetrieverReferenceTest {
    static final int M = 40, d = 12, B = 7, D = 8;
    static final double BETA = 0.3;

    static Stream<Arguments> grid() {
        List<Arguments> out = new ArrayList<>();
        for (MapCase map : RetrievalFixtures.MAPS) {
            for (Similarity.Kind sim : Similarity.Kind.values()) {   // every similarity of the registry
                for (int steps : new int[] {1, 3}) {
                    for (Precision p : Precision.values()) out.add(Arguments.of(map, sim, steps, p));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} steps={2} {3}")
    @MethodSource("grid")
    void nativeEqualsReference(MapCase map, Similarity.Kind sim, int steps, Precision precision) {
        Random rnd = new Random(31L * map.name().hashCode() + 7L * sim.ordinal() + steps);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        double[] w = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, D * d, 1 / Math.sqrt(D)));
        double[] q = RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B - 2, 0.5);
        q = java.util.Arrays.copyOf(q, B * d);
        for (int i = (B - 2) * d; i < B * d; i++) q[i] = rnd.nextGaussian();   // two unrelated queries
        q = RetrievalFixtures.floatRounded(q);

        boolean energies = map.hasEnergy() && sim.hasEnergy();
        ReferenceRetrieval ref = RetrievalFixtures.similarity(
                map.apply(ReferenceRetrieval.of(xi, M, d)).beta(BETA).steps(steps).eps(0), sim, w, D);
        ReferenceRetrieval.Result expected = ref.retrieve(q, B);

        double tol = precision == Precision.FLOAT32 ? 1e-4 : 1e-10;
        try (MemoryStore store = RetrievalFixtures.store(precision, xi, M, d);
             Retriever retriever = map.apply(Retriever.builder(store)).beta(BETA).steps(steps).eps(0)
                     .similarity(RetrievalFixtures.similarity(sim, w, D, d))
                     .recordWeights(true).recordEnergies(energies).build()) {
            Retrieval got = RetrievalFixtures.retrieve(retriever, q, B);
            assertEquals(precision, got.precision());
            assertClose(expected.states(), RetrievalFixtures.states(got), tol, "states");
            assertArrayEquals(expected.steps(), got.steps(), "steps");
            assertClose(expected.weights(), RetrievalFixtures.dense(got.weights()), tol, "weights");
            checkCsr(got.weights(), map);
            if (energies) {
                assertClose(expected.energyBefore(), got.energyBefore(), tol, "energy before");
                assertClose(expected.energyAfter(), got.energyAfter(), tol, "energy after");
                double[] e = precision == Precision.FLOAT32
                        ? retriever.energy(RetrievalFixtures.toFloat(q), B) : retriever.energy(q, B);
                assertClose(expected.energyBefore(), e, tol, "energy()");
            } else {
                assertNull(got.energyBefore());
                assertNull(got.energyAfter());
            }
        }
    }

    /** CSR invariants: offsets from 0, indices increasing, sparse maps store only p > 0, rows sum to 1. */
    static void checkCsr(SparseWeights w, MapCase map) {
        long[] offsets = w.offsets();
        assertEquals(0, offsets[0]);
        assertEquals(w.entryCount(), offsets[w.rows()]);
        for (int i = 0; i < w.rows(); i++) {
            assertTrue(offsets[i] <= offsets[i + 1]);
            int[] idx = w.rowIndices(i);
            double[] val = w.rowValues(i);
            if (map.map() == Separation.softmax()) assertEquals(w.columns(), idx.length, "softmax stores all M");
            double sum = 0;
            for (int k = 0; k < idx.length; k++) {
                if (k > 0) assertTrue(idx[k] > idx[k - 1], "indices increase");
                if (map.map() != Separation.softmax()) assertTrue(val[k] > 0, "sparse maps store p > 0 only");
                assertEquals(val[k], w.get(i, idx[k]));
                sum += val[k];
            }
            if (idx.length > 0) assertEquals(1, sum, 1e-5, "row " + i + " sums to 1");
        }
    }
}
