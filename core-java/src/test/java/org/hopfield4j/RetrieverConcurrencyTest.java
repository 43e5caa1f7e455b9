package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One store and retrievers shared by several threads; closing under load frees nothing in use. */
class RetrieverConcurrencyTest {
    static final int M = 500, d = 32, B = 8, THREADS = 4, ROUNDS = 100;

    @Test
    void sharedStoreGivesTheSingleThreadedResults() throws Exception {
        Random rnd = new Random(17);
        double[] xi = RetrievalFixtures.gaussian(rnd, M * d, 1 / Math.sqrt(d));
        float[][] queries = new float[ROUNDS][];
        for (int i = 0; i < ROUNDS; i++) {
            queries[i] = RetrievalFixtures.toFloat(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.3));
        }
        try (MemoryStore store = RetrievalFixtures.store(Precision.FLOAT32, xi, M, d);
             Retriever sparse = Retriever.builder(store).map(Separation.sparsemax()).beta(4).steps(3)
                     .recordWeights(true).build();
             Retriever kernel = Retriever.builder(store).map(Separation.softmax()).beta(2)
                     .similarity(Similarity.kernel(RetrievalFixtures.gaussian(rnd, d * d, 0.2), d, d))
                     .recordEnergies(true).build()) {
            Retriever[] retrievers = {sparse, kernel};
            Retrieval[][] expected = new Retrieval[2][ROUNDS];
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < ROUNDS; i++) expected[k][i] = retrievers[k].retrieve(queries[i], B);
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t * 13;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int j = 0; j < ROUNDS; j++) {
                            int i = (j + offset) % ROUNDS, k = (j + offset) % 2;
                            Retrieval got = retrievers[k].retrieve(queries[i], B);
                            assertArrayEquals(expected[k][i].floatStates(), got.floatStates());
                            assertArrayEquals(expected[k][i].steps(), got.steps());
                            if (k == 0) {
                                assertArrayEquals(expected[k][i].weights().indices(), got.weights().indices());
                                assertArrayEquals(expected[k][i].weights().floatValues(), got.weights().floatValues());
                            } else {
                                assertArrayEquals(expected[k][i].energyAfter(), got.energyAfter());
                            }
                        }
                        return ROUNDS;
                    }));
                }
                start.countDown();
                for (Future<Integer> f : done) assertEquals(ROUNDS, f.get(60, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingUnderLoadNeverFreesMemoryInUse() throws Exception {
        Random rnd = new Random(19);
        double[] xi = RetrievalFixtures.gaussian(rnd, M * d, 1 / Math.sqrt(d));
        float[] q = RetrievalFixtures.toFloat(RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.3));
        for (int trial = 0; trial < 5; trial++) {
            MemoryStore store = RetrievalFixtures.store(Precision.FLOAT32, xi, M, d);
            Retriever r = Retriever.builder(store).map(Separation.entmax15()).beta(3)
                    .similarity(Similarity.kernel(RetrievalFixtures.gaussian(rnd, d * d, 0.2), d, d)).build();
            float[] expected = r.retrieve(q, B).floatStates();
            AtomicInteger completed = new AtomicInteger(), refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch running = new CountDownLatch(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    running.countDown();
                    while (true) {
                        try {
                            assertArrayEquals(expected, r.retrieve(q, B).floatStates());
                            completed.incrementAndGet();
                        } catch (IllegalStateException e) {
                            assertTrue(e.getMessage().equals("memory store is closed")
                                    || e.getMessage().equals("retriever is closed"), e.getMessage());
                            refused.incrementAndGet();
                            return null;
                        }
                    }
                }));
            }
            running.await();
            Thread.sleep(20);
            if (trial % 2 == 0) store.close(); else r.close();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            r.close();
            store.close();
            assertEquals(THREADS, refused.get());
            assertTrue(store.isFreed(), "freed once the last retrieval finished");
            assertTrue(completed.get() > 0);
        }
    }
}
