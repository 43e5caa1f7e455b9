package org.hopfield4j.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark input: seeded random patterns, and seeded Gaussian scores scaled so that the maps have a
 * non-trivial support.
 *
 * <p>Unscaled N(0, 1) scores give sparsemax a support of a handful of entries at every length,
 * and its cost would not reflect realistic rows. So all scores are multiplied by one factor σ,
 * chosen on the first row so that sparsemax keeps exactly round(√n) entries there (about that many
 * in the other rows): 1/σ lies between D_k and D_(k+1), where D_k = Σ_(i≤k) (g_(i) − g_(k)) over
 * the k largest values g_(1) ≥ g_(2) ≥ ..., since sparsemax of σg keeps k entries iff σ·D_k &lt; 1
 * ≤ σ·D_(k+1). The entmax maps see the same scores (their supports differ).
 */
final class BenchScores {
    private BenchScores() {}

    /**
     * {@code count} patterns of dimension {@code dim} (row-major float32) with pixels uniform in [0, 1):
     * the memories of {@code bench retrieval} and {@code bench uhop}, the same for the same arguments.
     */
    static float[] uniformPatterns(int count, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + count);
        float[] patterns = new float[count * dim];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = (float) random.nextDouble();
        }
        return patterns;
    }

    /** {@code rows × n} scores, row-major; the same arguments give the same scores. */
    static double[] gaussian(int rows, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        double[] z = new double[Math.multiplyExact(rows, n)];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextGaussian();
        }
        double scale = sparsemaxScale(Arrays.copyOf(z, n), targetSupport(n));
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
        }
        return z;
    }

    /** round(√n), at least 1. */
    static int targetSupport(int n) {
        return (int) Math.max(1, Math.min(n, Math.round(Math.sqrt(n))));
    }

    /** σ such that sparsemax(σ · row) keeps exactly {@code k} entries (1 if k = n or all are equal). */
    static double sparsemaxScale(double[] row, int k) {
        if (k >= row.length) {
            return 1.0;
        }
        double[] g = row.clone();
        Arrays.sort(g); // ascending: the i-th largest is g[n - i]
        int n = g.length;
        double dk = 0;
        double dk1 = 0;
        for (int i = 1; i <= k; i++) {
            dk += g[n - i] - g[n - k];
        }
        for (int i = 1; i <= k + 1; i++) {
            dk1 += g[n - i] - g[n - k - 1];
        }
        return dk1 > 0 ? 2.0 / (dk + dk1) : 1.0;
    }
}
