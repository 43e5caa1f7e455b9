package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Native memory does not grow across 100 000 create/use/close cycles (JavaCPP's own accounting,
 * {@link Pointer#totalBytes()}, and the process's resident set, {@link Pointer#physicalBytes()}),
 * closing twice is harmless, and use after close throws a clear {@link IllegalStateException}.
 */
class NativeMemoryLeakTest {
    static final int CYCLES = 100_000, WARMUP = 10_000;
    static final int M = 64, d = 32, B = 2;
    /** One store is M · d floats = 8 KiB: leaking it every cycle would add ~800 MiB. */
    static final long STORE_BYTES = (long) M * d * Float.BYTES;

    private static final Random RND = new Random(23);
    private static final float[] XI = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(RND, M * d, 1 / Math.sqrt(d)));
    private static final float[] Q = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(RND, B * d, 1 / Math.sqrt(d)));
    private static final double[] W = RetrievalFixtures.gaussian(RND, d * d, 0.2);

    /**
     * One cycle: a store, a retriever (a kernel retriever, which owns native keys, every 10th), one
     * retrieval, close; every 10th also a separation-loss evaluator (which owns W and gradient buffers).
     */
    private static float[] cycle(int i) {
        try (MemoryStore store = MemoryStore.ofFloat(XI, M, d);
             SeparationLossEvaluator loss = i % 10 == 5 ? SeparationLoss.AVG.evaluator(store, d, 2, true) : null;
             Retriever r = (i % 10 == 0
                     ? Retriever.builder(store).similarity(Similarity.kernel(W, d, d))
                     : Retriever.builder(store)).map(Separation.sparsemax()).beta(2).build()) {
            if (loss != null) loss.evaluate(W, new double[W.length]);
            return r.retrieve(Q, B).floatStates();
        }
    }

    @Test
    void noNativeGrowthOver100000Cycles() {
        float[] plain = cycle(1), kernel = cycle(0);
        for (int i = 0; i < WARMUP; i++) cycle(i);
        System.gc();
        long totalBefore = Pointer.totalBytes();
        long physicalBefore = Pointer.physicalBytes();
        long javaBefore = javaCommitted();
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            float[] got = cycle(i);
            if (i % 10_000 == 0) assertArrayEquals(i % 10 == 0 ? kernel : plain, got, "cycle " + i);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long totalAfter = Pointer.totalBytes();
        long physicalAfter = Pointer.physicalBytes();
        long javaGrowth = Math.max(0, javaCommitted() - javaBefore);
        System.out.printf("%d cycles in %d ms; totalBytes %d -> %d; physicalBytes %d -> %d; JVM heap+non-heap committed +%d%n",
                CYCLES, millis, totalBefore, totalAfter, physicalBefore, physicalAfter, javaGrowth);
        // every block is freed by close(), not by a cleaner: JavaCPP's count is back where it was
        assertTrue(totalAfter <= totalBefore, "JavaCPP totalBytes grew from " + totalBefore + " to " + totalAfter);
        // the resident set includes the Java heap (which the JVM may grow and touch during the loop) and
        // code; beyond that growth, allow a generous 64 MiB: far below one leaked store per cycle (~800 MiB)
        long slack = (64L << 20) + javaGrowth;
        assertTrue(physicalAfter - physicalBefore < slack, "physicalBytes grew by " + (physicalAfter - physicalBefore)
                + " bytes over " + CYCLES + " cycles (a leak of one store per cycle would be " + CYCLES * STORE_BYTES + ")");
    }

    /** Committed bytes of the Java heap and non-heap pools (the JVM's share of the resident set it may grow). */
    private static long javaCommitted() {
        java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        return mx.getHeapMemoryUsage().getCommitted() + mx.getNonHeapMemoryUsage().getCommitted();
    }

    @Test
    void storeCloseIsIdempotentAndFreesAtOnce() {
        long before = Pointer.totalBytes();
        MemoryStore store = MemoryStore.ofFloat(XI, M, d);
        assertEquals(before + STORE_BYTES, Pointer.totalBytes(), "one block of M * d floats");
        store.close();
        assertEquals(before, Pointer.totalBytes());
        store.close();
        store.close();
        assertEquals(before, Pointer.totalBytes());
        assertTrue(store.isClosed() && store.isFreed());
    }

    @Test
    void kernelRetrieverCloseIsIdempotentAndFreesItsKeys() {
        try (MemoryStore store = MemoryStore.ofFloat(XI, M, d)) {
            long before = Pointer.totalBytes();
            Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(W, d, d)).build();
            assertTrue(Pointer.totalBytes() > before, "the kernel keys are native");
            r.close();
            assertEquals(before, Pointer.totalBytes());
            r.close();
            assertTrue(r.ownedMemoryFreed());
            assertEquals(before, Pointer.totalBytes());
            assertTrue(!store.isClosed(), "closing a retriever does not close its store");
        }
    }

    @Test
    void storeUseAfterCloseThrows() {
        MemoryStore store = MemoryStore.ofFloat(XI, M, d);
        store.close();
        Executable[] uses = {
            () -> store.pattern(0),
            () -> store.floatPattern(0),
            store::toFloatArray,
            store::toDoubleArray,
            () -> store.append(XI, M),
            () -> Retriever.builder(store).map(Separation.softmax()).build(),
            () -> Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(W, d, d)).build(),
        };
        for (Executable use : uses) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertEquals("memory store is closed", e.getMessage());
        }
        // shape stays readable
        assertEquals(M, store.size());
        assertEquals(d, store.dimension());
        assertTrue(store.toString().contains("closed"), store.toString());
    }

    @Test
    void retrieverUseAfterCloseThrows() {
        try (MemoryStore store = MemoryStore.ofFloat(XI, M, d)) {
            for (Similarity sim : new Similarity[] {Similarity.dot(), Similarity.kernel(W, d, d)}) {
                Retriever r = Retriever.builder(store).map(Separation.entmax15()).similarity(sim).build();
                r.retrieve(Q, B);
                r.close();
                r.close();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.retrieve(Q, B));
                assertEquals("retriever is closed", e.getMessage());
                e = assertThrows(IllegalStateException.class, () -> r.energy(Q, B));
                assertEquals("retriever is closed", e.getMessage());
            }
            // a live retriever on a store closed under it
            MemoryStore other = MemoryStore.ofFloat(XI, M, d);
            Retriever r = Retriever.builder(other).map(Separation.softmax()).build();
            other.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.retrieve(Q, B));
            assertEquals("memory store is closed", e.getMessage());
            r.close();
        }
    }
}
