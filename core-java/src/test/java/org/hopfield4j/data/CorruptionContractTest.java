package org.hopfield4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Corruption}'s documented contract: the noise is x + σ · g/‖g‖ with g drawn from
 * {@code SplittableRandom(seed).nextGaussian()} query by query, pixel by pixel (recomputed here, so the
 * same seed gives the same queries anywhere); one pixel per query and zero queries are valid shapes;
 * every entry point rejects queries whose length is not B · d.
 */
class CorruptionContractTest {
    @Test
    void noiseIsTheDocumentedGaussianDirectionScaledToSigma() {
        int B = 3, d = 4;
        float[] x = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f, 0f, 0.25f};
        double sigma = 0.7;
        SplittableRandom rng = new SplittableRandom(42);
        float[] expected = new float[x.length];
        for (int b = 0; b < B; b++) {
            double[] g = new double[d];
            double norm2 = 0;
            for (int j = 0; j < d; j++) {
                g[j] = rng.nextGaussian();
                norm2 += g[j] * g[j];
            }
            for (int j = 0; j < d; j++) expected[b * d + j] = (float) (x[b * d + j] + sigma * g[j] / Math.sqrt(norm2));
        }
        float[] got = Corruption.noiseUnclamped(x, B, d, sigma, 42);
        for (int i = 0; i < x.length; i++) assertEquals(expected[i], got[i], 1e-6f, "entry " + i);
    }

    @Test
    void onePixelPerQueryAndZeroQueriesAreValidShapes() {
        float[] x = {0.2f, 0.9f};
        assertArrayEquals(new double[] {0.0, 0.0}, Corruption.squaredErrors(x, x, 2, 1));
        assertEquals(2, Corruption.noise(x, 2, 1, 0.1, 1).length);
        assertArrayEquals(x, Corruption.mask(x, 2, 1, 0, Corruption.Masking.ZERO, 1));
        assertEquals(0, Corruption.squaredErrors(new float[0], new float[0], 0, 5).length);
        assertEquals(0, Corruption.noiseUnclamped(new float[0], 0, 5, 1, 1).length);
    }

    @Test
    void queriesOfTheWrongLengthAreRejectedByEveryEntryPoint() {
        float[] six = new float[6], five = new float[5];
        for (Runnable call : new Runnable[] {
            () -> Corruption.noiseUnclamped(five, 2, 3, 0.1, 1),
            () -> Corruption.noiseUnclamped(new float[7], 2, 3, 0.1, 1),
            () -> Corruption.noise(five, 2, 3, 0.1, 1),
            () -> Corruption.squaredErrors(five, six, 2, 3),
            () -> Corruption.squaredErrors(six, five, 2, 3),
            () -> Corruption.squaredErrors(six, new float[7], 2, 3)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("expected B * d = 2 * 3"), e.getMessage());
        }
    }
}
