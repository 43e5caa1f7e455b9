package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.reference.ReferenceFeatureDistance;
import org.junit.jupiter.api.Test;

/** Softmax over distances between learned features, against the float64 reference; bad arguments rejected first. */
class FeatureDistanceRetrieverTest {
    static final int M = 9, d = 7, D = 5, B = 4;

    static float[] uniform(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble();
        }
        return a;
    }

    @Test
    void manhattanAndL2MatchTheReferenceOverOneAndThreeSteps() {
        float[] patterns = uniform(M * d, 1), queries = uniform(B * d, 2);
        double[] w = KernelTrainer.gaussian(D, d, 3, 0.5);
        LearnedKernel kernel = LearnedKernel.of(w, D, d);
        for (boolean manhattan : new boolean[] {true, false}) {
            Similarity distance = manhattan ? Similarity.negativeManhattan() : Similarity.negativeL2();
            for (int steps : new int[] {1, 3}) {
                for (double beta : new double[] {0.5, 4}) {
                    double[] expected = ReferenceFeatureDistance.retrieve(w, D, patterns, M, d, queries, B, beta, steps,
                            manhattan);
                    double[] got;
                    try (MemoryStore store = MemoryStore.ofFloat(patterns, M, d);
                         FeatureDistanceRetriever r = new FeatureDistanceRetriever(kernel, store, distance,
                                 Separation.softmax(), beta, steps)) {
                        got = r.retrieve(queries, B);
                    }
                    String what = distance.kind().label() + " steps " + steps + " beta " + beta;
                    assertEquals(expected.length, got.length, what);
                    double spread = 0;
                    for (int i = 0; i < got.length; i++) {
                        assertEquals(expected[i], got[i], 1e-9, what + " at " + i);
                        spread = Math.max(spread, Math.abs(expected[i] - expected[i % d]));
                    }
                    assertTrue(spread > 1e-6, what + ": the queries retrieve different states");
                }
            }
        }
    }

    @Test
    void onlyADistanceAndAKernelOfTheStoresDimensionAreAccepted() {
        try (MemoryStore store = MemoryStore.ofFloat(uniform(M * d, 1), M, d)) {
            LearnedKernel kernel = LearnedKernel.of(KernelTrainer.gaussian(D, d, 3, 1), D, d);
            IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                    () -> new FeatureDistanceRetriever(kernel, store, Similarity.dot(), Separation.softmax(), 1, 1));
            assertEquals("distance must be manhattan or l2 (a distance between features), got dot", dot.getMessage());
            LearnedKernel wide = LearnedKernel.of(KernelTrainer.gaussian(D, d + 1, 3, 1), D, d + 1);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> new FeatureDistanceRetriever(wide, store, Similarity.negativeL2(), Separation.softmax(), 1, 1));
            assertEquals("kernel takes d = 8 inputs but the store holds patterns of d = 7", shape.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new FeatureDistanceRetriever(kernel, store, Similarity.negativeL2(), Separation.softmax(), 1, 0));
            try (FeatureDistanceRetriever r = new FeatureDistanceRetriever(kernel, store, Similarity.negativeL2(),
                    Separation.softmax(), 1, 1)) {
                IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                        () -> r.retrieve(new double[d + 1], 1));
                assertTrue(length.getMessage().contains("queries"), length.getMessage());
            }
        }
    }
}
