package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/** The tolerance ε is checked per query: one batch, different step counts. */
class RetrieverStepsTest {

    @Test
    void eachQueryStopsOnItsOwn() {
        int M = 30, d = 10, B = 12, T = 50;
        Random rnd = new Random(8);
        double[] xi = RetrievalFixtures.gaussian(rnd, M * d, 1 / Math.sqrt(d));
        double[] q = new double[B * d];
        for (int b = 0; b < B; b++) {
            // half stored patterns (near fixed points), half random mixtures
            for (int i = 0; i < d; i++) {
                q[b * d + i] = b % 2 == 0 ? xi[(b % M) * d + i] : rnd.nextGaussian() / Math.sqrt(d);
            }
        }
        double eps = 1e-6;
        for (Separation map : new Separation[] {Separation.softmax(), Separation.sparsemax(), Separation.entmax(1.3)}) {
            double beta = 4;
            ReferenceSeparation.Map refMap = map == Separation.softmax() ? ReferenceSeparation.Map.SOFTMAX
                    : map == Separation.sparsemax() ? ReferenceSeparation.Map.SPARSEMAX : ReferenceSeparation.Map.ENTMAX_BISECT;
            int[] expected = ReferenceRetrieval.of(xi, M, d).map(refMap, map.alpha()).beta(beta).steps(T).eps(eps)
                    .retrieve(q, B).steps();
            try (MemoryStore store = MemoryStore.ofDouble(xi, M, d);
                 Retriever r = Retriever.builder(store).map(map).beta(beta).steps(T).eps(eps).build()) {
                int[] got = r.retrieve(q, B).steps();
                assertArrayEquals(expected, got, map.name());
                assertTrue(Arrays.stream(got).distinct().count() > 1, map.name() + " step counts differ: " + Arrays.toString(got));
                for (int s : got) assertTrue(s >= 1 && s <= T);
            }
            // a huge tolerance stops every query after its first step; eps = 0 runs sparse maps to their fixed point
            try (MemoryStore store = MemoryStore.ofDouble(xi, M, d);
                 Retriever r = Retriever.builder(store).map(map).beta(beta).steps(T).eps(1e9).build()) {
                int[] ones = new int[B];
                Arrays.fill(ones, 1);
                assertArrayEquals(ones, r.retrieve(q, B).steps());
            }
        }
    }
}
