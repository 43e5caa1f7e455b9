package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.data.Corruption.Masking;
import org.junit.jupiter.api.Test;

class CorruptionTest {
    static final int B = 20, D = 500;

    static float[] positive(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[B * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.05f + 0.9f * (float) r.nextDouble();   // never 0: a zero in the output means masked
        }
        return x;
    }

    @Test
    void maskingZeroesAboutHalfWithinABinomialBound() {
        float[] x = positive(1);
        for (Masking m : Masking.values()) {
            float[] y = Corruption.mask(x, B, D, 0.5, m, 42);
            int masked = 0;
            for (int i = 0; i < x.length; i++) {
                if (y[i] == 0) {
                    masked++;
                } else {
                    assertEquals(m == Masking.ZERO ? x[i] : 2 * x[i], y[i], 0f, "kept pixel " + i + " with " + m);
                }
            }
            int n = x.length;   // 10 000 Bernoulli(0.5): mean 5000, sd 50; 5 sd bound
            assertTrue(Math.abs(masked - n * 0.5) <= 5 * Math.sqrt(n * 0.25), m + ": masked " + masked + " of " + n);
            // the same seed, the same mask; masking ZERO and DROPOUT mask the same pixels
            assertArrayEquals(y, Corruption.mask(x, B, D, 0.5, m, 42));
        }
        float[] zero = Corruption.mask(x, B, D, 0.5, Masking.ZERO, 42);
        float[] drop = Corruption.mask(x, B, D, 0.5, Masking.DROPOUT, 42);
        for (int i = 0; i < x.length; i++) {
            assertEquals(zero[i] == 0, drop[i] == 0);
        }
        float[] other = Corruption.mask(x, B, D, 0.5, Masking.ZERO, 43);
        assertTrue(!java.util.Arrays.equals(zero, other), "another seed masks other pixels");
    }

    @Test
    void otherProbabilitiesToo() {
        float[] x = positive(2);
        float[] y = Corruption.mask(x, B, D, 0.2, Masking.DROPOUT, 7);
        int masked = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 0) masked++;
            else assertEquals(x[i] * 1.25f, y[i], 1e-6f);
        }
        int n = x.length;
        assertTrue(Math.abs(masked - n * 0.2) <= 5 * Math.sqrt(n * 0.2 * 0.8), "masked " + masked);
        assertArrayEquals(x, Corruption.mask(x, B, D, 0, Masking.ZERO, 7));
        assertThrows(IllegalArgumentException.class, () -> Corruption.mask(x, B, D, 1, Masking.ZERO, 7));
        assertThrows(IllegalArgumentException.class, () -> Corruption.mask(x, B, D + 1, 0.5, Masking.ZERO, 7));
    }

    @Test
    void noiseHasNormExactlySigmaBeforeTheClamp() {
        float[] x = positive(3);
        for (double sigma : new double[] {0, 0.01, 0.3, 1.0, 2.0}) {
            float[] y = Corruption.noiseUnclamped(x, B, D, sigma, 11);
            for (int b = 0; b < B; b++) {
                double s = 0;
                for (int j = b * D; j < (b + 1) * D; j++) {
                    double diff = (double) y[j] - x[j];
                    s += diff * diff;
                }
                // float32 rounding of each entry: |error| <= D * ulp-ish; relative 1e-5 plus an absolute 1e-5
                assertEquals(sigma, Math.sqrt(s), 1e-5 + 1e-5 * sigma, "row " + b + " sigma " + sigma);
            }
            float[] z = Corruption.noise(x, B, D, sigma, 11);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Math.min(Math.abs(y[i]), 1f), z[i], 0f);
                assertTrue(z[i] >= 0 && z[i] <= 1);
            }
        }
        assertArrayEquals(x, Corruption.noise(x, B, D, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> Corruption.noise(x, B, D, -1, 5));
    }

    @Test
    void noiseDirectionIsIsotropic() {
        // the mean of g/|g| over many draws is near 0 in every coordinate, and each coordinate's variance is 1/d
        int d = 10, n = 20000;
        float[] zeros = new float[n * d];
        float[] y = Corruption.noiseUnclamped(zeros, n, d, 1.0, 99);
        for (int j = 0; j < d; j++) {
            double m = 0, v = 0;
            for (int b = 0; b < n; b++) {
                m += y[b * d + j];
                v += y[b * d + j] * y[b * d + j];
            }
            m /= n;
            v /= n;
            assertEquals(0, m, 5 * Math.sqrt(0.1 / n), "mean of coordinate " + j);
            assertEquals(0.1, v, 0.01, "variance of coordinate " + j);
        }
    }

    @Test
    void squaredErrorClampsBothSides() {
        float[] x = {0f, 0.5f, 1f, 1f};
        float[] xHat = {-3f, 0.25f, 2f, 0f};
        assertArrayEquals(new double[] {0.0625, 1.0}, Corruption.squaredErrors(x, xHat, 2, 2), 1e-12);
    }
}
