package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 7's concurrency check: 8 threads × 1 000 retrievals on one shared store and one shared
 * kernel retriever (plus a shared float64 dot retriever) give bit for bit the single-threaded
 * results, with the callers' own threads and native threads set to 1
 * ({@link NativeRuntime#useCallerThreads()}).
 */
@Isolated
class SharedRetrievalStressTest {
    static final int THREADS = 8, PER_THREAD = 1_000, DISTINCT = 50;
    static final int M = 200, d = 24, B = 4;

    @Test
    void eightThreadsTimesAThousandRetrievalsMatchSingleThreaded() throws Exception {
        Random rnd = new Random(29);
        double[] xi = RetrievalFixtures.gaussian(rnd, M * d, 1 / Math.sqrt(d));
        double[] w = RetrievalFixtures.gaussian(rnd, d * d, 0.25);
        float[][] fq = new float[DISTINCT][];
        double[][] dq = new double[DISTINCT][];
        for (int i = 0; i < DISTINCT; i++) {
            dq[i] = RetrievalFixtures.noisyPatterns(rnd, xi, M, d, B, 0.4);
            fq[i] = RetrievalFixtures.toFloat(dq[i]);
        }
        int kernelThreads = NativeRuntime.kernelThreads(), blasThreads = NativeRuntime.blasThreads();
        try (MemoryStore f32 = MemoryStore.ofFloat(RetrievalFixtures.toFloat(xi), M, d);
             MemoryStore f64 = MemoryStore.ofDouble(xi, M, d);
             Retriever kernel = Retriever.builder(f32).map(Separation.entmax15()).beta(3).steps(2)
                     .similarity(Similarity.kernel(w, d, d)).recordWeights(true).recordEnergies(true).build();
             Retriever dot = Retriever.builder(f64).map(Separation.softmax()).beta(2).steps(3).build()) {
            // single-threaded reference, with the default native thread counts
            Retrieval[] expectedKernel = new Retrieval[DISTINCT];
            Retrieval[] expectedDot = new Retrieval[DISTINCT];
            for (int i = 0; i < DISTINCT; i++) {
                expectedKernel[i] = kernel.retrieve(fq[i], B);
                expectedDot[i] = dot.retrieve(dq[i], B);
            }
            NativeRuntime.useCallerThreads();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = 7 * t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int j = 0; j < PER_THREAD; j++) {
                            int i = (j + offset) % DISTINCT;
                            if ((j & 1) == 0) {
                                Retrieval got = kernel.retrieve(fq[i], B);
                                IdenticalRetrievals.assertIdenticalFloat32(expectedKernel[i], got, "query batch " + i);
                            } else {
                                Retrieval got = dot.retrieve(dq[i], B);
                                assertArrayEquals(expectedDot[i].doubleStates(), got.doubleStates());
                                assertArrayEquals(expectedDot[i].steps(), got.steps());
                            }
                        }
                        return PER_THREAD;
                    }));
                }
                start.countDown();
                int total = 0;
                for (Future<Integer> f : done) total += f.get(120, TimeUnit.SECONDS);
                assertEquals(THREADS * PER_THREAD, total);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            NativeRuntime.setKernelThreads(kernelThreads);
            NativeRuntime.setBlasThreads(blasThreads);
        }
    }
}
