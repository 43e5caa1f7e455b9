package org.hopfield4j;

import static org.hopfield4j.RetrievalFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hopfield4j.RetrievalFixtures.MapCase;
import org.junit.jupiter.api.Test;

/** Scores computed block by block over M give the unblocked result; a 10^6-pattern store works. */
class RetrieverBlockingTest {

    @Test
    void blockedEqualsUnblocked() {
        int M = 1000, d = 16, B = 9, D = 16;
        Random rnd = new Random(11);
        double[] xi = RetrievalFixtures.floatRounded(RetrievalFixtures.gaussian(rnd, M * d, 1));
        double[] w = RetrievalFixtures.gaussian(rnd, D * d, 0.25);
        double[] q = RetrievalFixtures.floatRounded(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.7));
        for (Precision precision : Precision.values()) {
            try (MemoryStore store = RetrievalFixtures.store(precision, xi, M, d)) {
                for (MapCase map : RetrievalFixtures.MAPS) {
                    for (Similarity.Kind sim : new Similarity.Kind[] {Similarity.Kind.DOT, Similarity.Kind.NEGATIVE_L2, Similarity.Kind.KERNEL}) {
                        boolean energies = map.hasEnergy() && sim.hasEnergy();
                        Retrieval whole = run(store, map, sim, w, D, d, q, B, M, energies);
                        for (long block : new long[] {1, 7, 100}) {
                            Retrieval blocked = run(store, map, sim, w, D, d, q, B, block, energies);
                            String what = map + " " + sim + " " + precision + " block " + block;
                            double tol = precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
                            assertClose(RetrievalFixtures.states(whole), RetrievalFixtures.states(blocked), tol, what);
                            assertArrayEquals(whole.steps(), blocked.steps(), what);
                            assertArrayEquals(whole.weights().indices(), blocked.weights().indices(), what);
                            assertClose(whole.weights().values(), blocked.weights().values(), tol, what);
                            if (energies) assertClose(whole.energyAfter(), blocked.energyAfter(), tol, what);
                        }
                    }
                }
            }
        }
    }

    private static Retrieval run(MemoryStore store, MapCase map, Similarity.Kind sim, double[] w, int D, int d,
                                 double[] q, int B, long block, boolean energies) {
        try (Retriever r = map.apply(Retriever.builder(store)).beta(0.5).steps(3)
                .similarity(RetrievalFixtures.similarity(sim, w, D, d)).scoreBlock(block)
                .recordWeights(true).recordEnergies(energies).build()) {
            return RetrievalFixtures.retrieve(r, q, B);
        }
    }

    @Test
    void defaultBlockKeepsScoresNear32MiB() {
        try (MemoryStore big = MemoryStore.ofFloat(new float[1_000_000], 1_000_000, 1);
             MemoryStore small = MemoryStore.ofDouble(new double[10], 10, 1)) {
            Retriever r = Retriever.builder(big).map(Separation.softmax()).build();
            assertEquals(0, r.scoreBlock());
            assertEquals(8L << 20 >> 10, r.scoreBlockFor(1024));              // 1024 x 8192 floats = 32 MiB
            assertEquals(Retriever.MIN_DEFAULT_SCORE_BLOCK, r.scoreBlockFor(1 << 20));
            assertEquals(1_000_000, r.scoreBlockFor(1));                     // never more than M
            Retriever configured = Retriever.builder(big).map(Separation.softmax()).scoreBlock(500).build();
            assertEquals(500, configured.scoreBlock());                      // the configured block, not "auto" (0)
            assertEquals(500, configured.scoreBlockFor(7));
            assertEquals(10, Retriever.builder(small).map(Separation.softmax()).build().scoreBlockFor(1024));
        }
    }

    /**
     * 10^6 × 64 float32 ±1 patterns (256 MB native) with the default heap: 32 stored patterns as
     * queries come back exactly with sparsemax at a β derived from their separation.
     */
    @Test
    void millionPatternStore() {
        int M = 1_000_000, d = 64, B = 32;
        Random rnd = new Random(3);
        long[] bits = new long[M];
        for (int mu = 0; mu < M; mu++) bits[mu] = rnd.nextLong();
        int[] picked = new int[B];
        for (int b = 0; b < B; b++) picked[b] = rnd.nextInt(M);
        // gap of query mu: 64 - max_{nu != mu} <xi_mu, xi_nu>, with <xi_mu, xi_nu> = 64 - 2 popcount(xor)
        int gap = Integer.MAX_VALUE;
        for (int b = 0; b < B; b++) {
            int minDistance = Integer.MAX_VALUE;
            for (int nu = 0; nu < M; nu++) {
                if (nu != picked[b]) minDistance = Math.min(minDistance, Long.bitCount(bits[picked[b]] ^ bits[nu]));
            }
            gap = Math.min(gap, 2 * minDistance);
        }
        assertTrue(gap > 0, "no query has a duplicate in the store");
        float[] queries = new float[B * d];
        MemoryStore store;
        {
            float[] data = new float[M * d];
            for (int mu = 0; mu < M; mu++) {
                for (int i = 0; i < d; i++) data[mu * d + i] = (bits[mu] >>> i & 1) == 1 ? 1f : -1f;
            }
            for (int b = 0; b < B; b++) System.arraycopy(data, picked[b] * d, queries, b * d, d);
            store = MemoryStore.ofFloat(data, M, d);
        }
        try (store; Retriever r = Retriever.builder(store).map(Separation.sparsemax()).beta(2.0 / gap)
                .recordWeights(true).build()) {
            Retrieval got = r.retrieve(queries, B);
            assertArrayEquals(queries, got.floatStates());
            for (int b = 0; b < B; b++) {
                assertArrayEquals(new int[] {picked[b]}, got.weights().rowIndices(b));
            }
        }
    }
}
