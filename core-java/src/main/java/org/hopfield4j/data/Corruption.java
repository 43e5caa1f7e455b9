package org.hopfield4j.data;

import java.util.Locale;
import java.util.SplittableRandom;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.Labels;

/**
 * The query corruptions of the paper's memory-retrieval experiments, seeded and reproducible. Each
 * takes B queries of dimension d (B × d row-major) and returns a corrupted copy.
 *
 * <ul>
 *   <li>{@link #mask masking} ("memory capacity"): every pixel is zeroed independently with
 *       probability p (0.5 in the paper). {@link Masking#ZERO} leaves the kept pixels unchanged (the
 *       paper's text, the default); {@link Masking#DROPOUT} multiplies them by 1/(1 − p), i.e. ×2 at
 *       p = 0.5 (the authors' code, which uses dropout).
 *   <li>{@link #noise noise} ("noise robustness"): x + σ · g/‖g‖ with g ~ N(0, I_d) drawn per query
 *       (noise of Euclidean norm exactly σ), then clamp(|·|, 0, 1) element-wise.
 *       {@link #noiseUnclamped} is the same without the final clamp (same draws for the same seed).
 * </ul>
 *
 * <p>Random numbers come from {@link SplittableRandom}{@code (seed)}, consumed query by query, pixel
 * by pixel: the same seed gives the same corruption on every machine.
 */
public final class Corruption {
    /** The two masking protocols. */
    public enum Masking {
        /** Masked pixels set to 0, kept ones unchanged (the paper's text; the default). */
        ZERO,
        /** Masked pixels set to 0, kept ones multiplied by 1/(1 − p) (the authors' code: dropout). */
        DROPOUT;

        /** The command-line name: zero or dropout. */
        public String label() {
            return Labels.of(this);
        }

        /** The masking called {@code name} (zero or dropout, any case). */
        public static Masking named(String name) {
            return Labels.named(values(), Masking::label, name, "masking");
        }
    }

    /** The paper's masking probability. */
    public static final double PAPER_MASK_PROBABILITY = 0.5;

    private Corruption() {}

    /**
     * Each pixel zeroed independently with probability {@code p} ∈ [0, 1); kept pixels unchanged
     * ({@link Masking#ZERO}) or scaled by 1/(1 − p) ({@link Masking#DROPOUT}).
     */
    public static float[] mask(float[] x, int B, int d, double p, Masking masking, long seed) {
        check(x, B, d);
        Check.halfOpenUnit("masking probability", p);
        if (masking == null) {
            throw new IllegalArgumentException("masking is null");
        }
        float keepScale = masking == Masking.DROPOUT ? (float) (1 / (1 - p)) : 1f;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = rng.nextDouble() < p ? 0f : x[i] * keepScale;
        }
        return out;
    }

    /** Noise of norm σ ≥ 0, then clamp(|·|, 0, 1) (docs/math.md#exp-queries). */
    public static float[] noise(float[] x, int B, int d, double sigma, long seed) {
        float[] out = noiseUnclamped(x, B, d, sigma, seed);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.abs(out[i]), 1f);
        }
        return out;
    }

    /** x + σ · g/‖g‖ per query, g ~ N(0, I_d), without the clamp of {@link #noise}. */
    public static float[] noiseUnclamped(float[] x, int B, int d, double sigma, long seed) {
        check(x, B, d);
        Check.nonNegativeFinite("noise norm sigma", sigma);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[x.length];
        double[] g = new double[d];
        for (int b = 0; b < B; b++) {
            double norm2;
            do {
                norm2 = 0;
                for (int j = 0; j < d; j++) {
                    g[j] = rng.nextGaussian();
                    norm2 += g[j] * g[j];
                }
            } while (norm2 == 0);
            double scale = sigma / Math.sqrt(norm2);
            for (int j = 0; j < d; j++) {
                out[b * d + j] = (float) (x[b * d + j] + scale * g[j]);
            }
        }
        return out;
    }

    /** clamp(v, 0, 1). */
    public static float clamp01(float v) {
        return v < 0 ? 0f : (v > 1 ? 1f : v);
    }

    /**
     * The error of each query (docs/math.md#exp-error): Σ over pixels of (clamp(x, 0, 1) − clamp(x̂, 0, 1))², for B
     * originals {@code x} and retrievals {@code xHat} (B × d each).
     */
    public static double[] squaredErrors(float[] x, float[] xHat, int B, int d) {
        check(x, B, d);
        check(xHat, B, d);
        double[] e = new double[B];
        for (int b = 0; b < B; b++) {
            double s = 0;
            for (int j = b * d; j < (b + 1) * d; j++) {
                double diff = clamp01(x[j]) - clamp01(xHat[j]);
                s += diff * diff;
            }
            e[b] = s;
        }
        return e;
    }

    private static void check(float[] x, int B, int d) {
        if (x == null) {
            throw new IllegalArgumentException("queries are null");
        }
        if (B < 0 || d < 1 || (long) B * d != x.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "queries have %d values, expected B * d = %d * %d", x.length, B, d));
        }
    }
}
