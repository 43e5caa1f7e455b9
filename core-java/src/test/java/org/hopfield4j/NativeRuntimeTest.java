package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Thread settings of the native side: round trips, rejection of bad counts, same results. */
@Isolated
class NativeRuntimeTest {
    private int kernelThreads;
    private int blasThreads;

    @BeforeEach
    void remember() {
        kernelThreads = NativeRuntime.kernelThreads();
        blasThreads = NativeRuntime.blasThreads();
    }

    @AfterEach
    void restore() {
        NativeRuntime.setKernelThreads(kernelThreads);
        NativeRuntime.setBlasThreads(blasThreads);
        assertEquals(kernelThreads, NativeRuntime.kernelThreads());
        assertEquals(blasThreads, NativeRuntime.blasThreads());
    }

    @Test
    void defaultsArePositive() {
        assertTrue(kernelThreads >= 1, "kernel threads " + kernelThreads);
        assertTrue(blasThreads >= 1, "BLAS threads " + blasThreads);
        String d = NativeRuntime.describe();
        assertTrue(d.contains("kernel threads " + kernelThreads) && d.contains("BLAS threads " + blasThreads), d);
    }

    @Test
    void kernelThreadsRoundTrip() {
        for (int t : new int[] {1, 2, 3, 1}) {
            NativeRuntime.setKernelThreads(t);
            assertEquals(t, NativeRuntime.kernelThreads());
        }
    }

    @Test
    void blasThreadsRoundTrip() {
        for (int t : new int[] {1, 2, 1}) {
            NativeRuntime.setBlasThreads(t);
            assertEquals(t, NativeRuntime.blasThreads());
        }
    }

    @Test
    void useCallerThreadsSetsBothToOne() {
        NativeRuntime.setKernelThreads(2);
        NativeRuntime.setBlasThreads(2);
        NativeRuntime.useCallerThreads();
        assertEquals(1, NativeRuntime.kernelThreads());
        assertEquals(1, NativeRuntime.blasThreads());
    }

    @Test
    void invalidCountsAreRejectedAndChangeNothing() {
        NativeRuntime.setKernelThreads(2);
        NativeRuntime.setBlasThreads(1);
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeRuntime.setKernelThreads(bad));
            assertTrue(e.getMessage().contains("kernel threads must be >= 1, got " + bad), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> NativeRuntime.setBlasThreads(bad));
            assertTrue(e.getMessage().contains("BLAS threads must be >= 1, got " + bad), e.getMessage());
        }
        assertEquals(2, NativeRuntime.kernelThreads());
        assertEquals(1, NativeRuntime.blasThreads());
    }

    /** Rows are independent: the result must not depend on how they are shared out among threads. */
    @Test
    void sameResultsWithOneAndTwoThreads() {
        int rows = 512, n = 1000;
        SplittableRandom rnd = new SplittableRandom(13);
        double[] z = new double[rows * n];
        for (int i = 0; i < z.length; i++) z[i] = rnd.nextGaussian() * (1 + i / n % 7);
        double[] g = new double[rows * n];
        for (int i = 0; i < g.length; i++) g[i] = rnd.nextDouble() - 0.5;
        float[] zf = ReferenceSeparation.toFloat(z);
        double[] alphas = new double[rows];
        for (int r = 0; r < rows; r++) alphas[r] = 1.1 + (r % 10) * 0.3;

        for (Separation m : new Separation[] {Separation.softmax(), Separation.sparsemax(), Separation.entmax15(),
                Separation.entmax(1.7), Separation.entmaxPerRow(alphas)}) {
            NativeRuntime.setKernelThreads(1);
            ThreadedOutputs one = ThreadedOutputs.of(m, z, zf, g, rows, n);
            NativeRuntime.setKernelThreads(2);
            long calls = NativeCalls.count();
            ThreadedOutputs two = ThreadedOutputs.of(m, z, zf, g, rows, n);
            assertEquals(calls + 4, NativeCalls.count());

            assertArrayEquals(one.p(), two.p(), 0.0, m + " f64");
            assertArrayEquals(one.pf(), two.pf(), 0.0f, m + " f32");
            assertArrayEquals(one.dz(), two.dz(), 0.0, m + " backward");
            assertArrayEquals(one.support(), two.support(), m + " support");
        }
    }

    /** What one map computes from the same inputs: forward in both precisions, backward at its own p, support. */
    private record ThreadedOutputs(double[] p, float[] pf, double[] dz, int[] support) {
        static ThreadedOutputs of(Separation m, double[] z, float[] zf, double[] g, int rows, int n) {
            double[] p = m.apply(z, rows, n, 1.3);
            float[] pf = m.apply(zf, rows, n, 1.3);
            double[] dz = new double[z.length];
            m.backward(p, g, dz, rows, n, 1.3);
            int[] support = new int[rows];
            m.apply(z, null, new double[z.length], support, rows, n, 1.3);
            return new ThreadedOutputs(p, pf, dz, support);
        }
    }
}
