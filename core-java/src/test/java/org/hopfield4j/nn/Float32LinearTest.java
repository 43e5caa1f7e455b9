package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;

/**
 * A standalone float32 {@link Linear} (sgemm on the operands rounded to float32, widened to float64)
 * against the float64 products of the same rounded operands, in a fresh thread (so its native scratch
 * memory starts empty and must grow to products larger than its initial 1024 values), two shapes in turn.
 */
class Float32LinearTest {
    @Test
    void forwardAndBackwardMatchTheProductsOfTheRoundedOperands() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                check(40, 30, 50, 1);
                check(7, 5, 3, 2);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    private static void check(int rows, int in, int out, long seed) {
        Linear linear = new Linear(in, out, true, seed, Precision.FLOAT32);
        SplittableRandom random = new SplittableRandom(seed);
        double[] bias = linear.parameters().get(1).values();
        for (int j = 0; j < out; j++) bias[j] = random.nextDouble() - 0.5;
        double[] x = gaussian(rows * in, random), dy = gaussian(rows * out, random);
        double[] w = linear.weight().values();
        double[] y = linear.forward(Batch.rows(x, rows, in), false).values();
        double[] dx = linear.backward(Batch.rows(dy, rows, out)).values();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double e = bias[o];
                for (int j = 0; j < in; j++) e += (double) (float) x[r * in + j] * (float) w[o * in + j];
                assertEquals(e, y[r * out + o], 1e-5, "y[" + r + "][" + o + "]");
            }
            for (int j = 0; j < in; j++) {
                double e = 0;
                for (int o = 0; o < out; o++) e += (double) (float) dy[r * out + o] * (float) w[o * in + j];
                assertEquals(e, dx[r * in + j], 1e-5, "dx[" + r + "][" + j + "]");
            }
        }
        double[] dw = linear.weight().gradient();
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < in; j++) {
                double e = 0;
                for (int r = 0; r < rows; r++) e += (double) (float) dy[r * out + o] * (float) x[r * in + j];
                assertEquals(e, dw[o * in + j], 1e-5, "dW[" + o + "][" + j + "]");
            }
        }
    }

    private static double[] gaussian(int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
