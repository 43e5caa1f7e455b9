package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.hopfield4j.RetrievalFixtures.MapCase;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.junit.jupiter.api.Test;

/**
 * Shapes the native engine computes on its fused path (retrieval_fused.hpp: B >= 32, M >= 512, d <= 512,
 * every map but alpha-entmax) equal the float64 reference: M = 600 and B = 40 are not multiples of the
 * 512 x 512 tile, and half of the patterns repeat the other half (exact ties across tiles).
 */
class FusedRetrievalTest {
    static final int M = 600, d = 6, B = 40, D = 5;

    @Test
    void fusedShapesEqualTheReference() {
        Random rnd = new Random(17);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        System.arraycopy(xi, 0, xi, M / 2 * d, M / 2 * d);   // pattern mu + M/2 = pattern mu
        double[] w = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, D * d, 1 / Math.sqrt(D)));
        double[] q = RetrievalFixtures.floatRounded(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.5));
        for (Precision precision : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(precision, xi, M, d)) {
                for (MapCase map : RetrievalFixtures.MAPS) {
                    for (Similarity.Kind sim : new Similarity.Kind[] {Similarity.Kind.DOT, Similarity.Kind.KERNEL,
                            Similarity.Kind.NEGATIVE_L2, Similarity.Kind.COSINE}) {
                        String what = map + " " + sim + " " + precision;
                        boolean energies = map.hasEnergy() && sim.hasEnergy();
                        ReferenceRetrieval.Result expected = RetrievalFixtures.similarity(
                                map.apply(ReferenceRetrieval.of(xi, M, d)).beta(0.4).steps(1), sim, w, D)
                                .retrieve(q, B);
                        try (Retriever r = map.apply(Retriever.builder(store)).beta(0.4).steps(1)
                                .similarity(RetrievalFixtures.similarity(sim, w, D, d))
                                .recordEnergies(energies).build()) {
                            Retrieval got = RetrievalFixtures.retrieve(r, q, B);
                            double tol = precision == Precision.FLOAT32 ? 1e-4 : 1e-10;
                            assertClose(expected.states(), RetrievalFixtures.states(got), tol, what);
                            assertArrayEquals(expected.steps(), got.steps(), what);
                            if (energies) assertClose(expected.energyAfter(), got.energyAfter(), tol, what);
                        }
                    }
                }
            }
        }
    }
}
