package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/** The reusable evaluator gives exactly what the one-shot calls give, and owns its buffers safely. */
class SeparationLossEvaluatorTest {
    private static final int M = 40, d = 12, D = 9;

    private static MemoryStore store(boolean f32, long seed) {
        double[] xi = SeparationLossTest.gaussian(new SplittableRandom(seed), M * d, 1.0);
        return f32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(xi), M, d) : MemoryStore.ofDouble(xi, M, d);
    }

    private static double[][] ws(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] ws = new double[count][];
        for (int i = 0; i < count; i++) ws[i] = SeparationLossTest.gaussian(rng, D * d, 0.3 + 0.2 * i);
        return ws;
    }

    @Test
    void reusedEvaluatorEqualsOneShotCallsBitForBit() {
        for (boolean f32 : new boolean[] {true, false}) {
            for (boolean normalize : new boolean[] {true, false}) {
                try (MemoryStore store = store(f32, 5)) {
                    for (SeparationLoss loss : SeparationLoss.values()) {
                        String what = loss + (f32 ? " float32" : " float64") + (normalize ? " normalised" : "");
                        try (SeparationLossEvaluator e = loss.evaluator(store, D, 2, normalize)) {
                            assertTrue(Double.isNaN(e.minDistance2()), "no min d2 before the first evaluation");
                            double[] gradient = new double[D * d];
                            for (double[] w : ws(4, 11)) {
                                SeparationLoss.Evaluation expected = loss.evaluate(w, D, store, 2, normalize);
                                assertEquals(expected.loss(), e.evaluate(w, gradient), 0.0, what);
                                assertArrayEquals(expected.gradient(), gradient, 0.0, what + " gradient");
                                assertEquals(expected.minDistance2(), e.minDistance2(), 0.0, what + " min d2");
                                SeparationLoss.Evaluation again = e.evaluate(w);
                                assertEquals(expected.loss(), again.loss(), 0.0, what);
                                assertArrayEquals(expected.gradient(), again.gradient(), 0.0, what + " gradient");
                                assertEquals(expected.loss(), e.value(w), 0.0, what + " value");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sharedBetweenThreadsGivesTheSingleThreadedResults() throws Exception {
        double[][] ws = ws(6, 17);
        try (MemoryStore store = store(true, 6);
             SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            SeparationLoss.Evaluation[] expected = new SeparationLoss.Evaluation[ws.length];
            for (int i = 0; i < ws.length; i++) expected[i] = e.evaluate(ws[i]);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<SeparationLoss.Evaluation>> results = new ArrayList<>();
                for (int k = 0; k < 48; k++) {
                    double[] w = ws[k % ws.length];
                    results.add(pool.submit(() -> e.evaluate(w)));
                }
                for (int k = 0; k < results.size(); k++) {
                    SeparationLoss.Evaluation got = results.get(k).get();
                    SeparationLoss.Evaluation want = expected[k % ws.length];
                    assertEquals(want.loss(), got.loss(), 0.0);
                    assertArrayEquals(want.gradient(), got.gradient(), 0.0);
                    assertEquals(want.minDistance2(), got.minDistance2(), 0.0);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void closedEvaluatorOrStoreIsRejectedBeforeNativeCode() {
        double[] w = ws(1, 3)[0];
        try (MemoryStore store = store(false, 7)) {
            SeparationLossEvaluator e = SeparationLoss.DL.evaluator(store, D, 2, true);
            e.close();
            e.close();   // harmless
            long before = NativeCalls.count();
            IllegalStateException x = assertThrows(IllegalStateException.class, () -> e.evaluate(w));
            assertTrue(x.getMessage().contains("evaluator is closed"), x.getMessage());
            assertThrows(IllegalStateException.class, () -> e.value(w));
            assertEquals(before, NativeCalls.count());
        }
        MemoryStore store = store(true, 8);
        try (SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            store.close();
            long before = NativeCalls.count();
            assertThrows(IllegalStateException.class, () -> e.evaluate(w));
            assertEquals(before, NativeCalls.count());
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        try (MemoryStore store = store(true, 9);
             SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            double[] w = ws(1, 4)[0];
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> e.evaluate(w, new double[D * d - 1]));
            assertTrue(x.getMessage().startsWith("gradient has length " + (D * d - 1)), x.getMessage());
            assertThrows(NullPointerException.class, () -> e.evaluate(w, null));
            x = assertThrows(IllegalArgumentException.class, () -> e.value(new double[d]));
            assertTrue(x.getMessage().startsWith("W has length " + d), x.getMessage());
            assertEquals(D, e.featureDimension());
            assertEquals(d, e.inputDimension());
            assertEquals(M, e.memoryCount());
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (MemoryStore store = store(true, 10)) {
                SeparationLoss.AVG.evaluator(store, 0, 2, true);
            }
        });
        assertThrows(NullPointerException.class, () -> SeparationLoss.AVG.evaluator(null, D, 2, true));
    }
}
