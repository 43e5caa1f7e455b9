package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;

/**
 * {@link Linear}'s products (OpenBLAS through per-thread native scratch memory) against the products
 * written out in float64: float64 exactly, float32 (sgemm on the operands rounded to float32, widened)
 * against the float64 products of the same rounded operands. In a fresh thread, so the scratch memory
 * starts empty and must grow to products larger than its initial 1024 values; two shapes in turn.
 */
class LinearProductsTest {
    @Test
    void forwardAndBackwardMatchTheProductsOfTheRoundedOperands() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                for (Precision precision : Precision.values()) {
                    check(precision, 40, 30, 50, 1);
                    check(precision, 7, 5, 3, 2);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    private static void check(Precision precision, int rows, int in, int out, long seed) {
        Linear linear = new Linear(in, out, true, seed, precision);
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
                for (int j = 0; j < in; j++) e += round(precision, x[r * in + j]) * round(precision, w[o * in + j]);
                assertEquals(e, y[r * out + o], tolerance(precision), precision + ": y[" + r + "][" + o + "]");
            }
            for (int j = 0; j < in; j++) {
                double e = 0;
                for (int o = 0; o < out; o++) e += round(precision, dy[r * out + o]) * round(precision, w[o * in + j]);
                assertEquals(e, dx[r * in + j], tolerance(precision), precision + ": dx[" + r + "][" + j + "]");
            }
        }
        double[] dw = linear.weight().gradient();
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < in; j++) {
                double e = 0;
                for (int r = 0; r < rows; r++) e += round(precision, dy[r * out + o]) * round(precision, x[r * in + j]);
                assertEquals(e, dw[o * in + j], tolerance(precision), precision + ": dW[" + o + "][" + j + "]");
            }
        }
    }

    private static double round(Precision precision, double v) {
        return precision == Precision.FLOAT32 ? (float) v : v;
    }

    /** float32: the sgemm's float32 sums of at most 50 products of size about 1. */
    private static double tolerance(Precision precision) {
        return precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
    }

    private static double[] gaussian(int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
