package org.hopfield4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.hopfield4j.Blas;
import org.hopfield4j.Precision;
import org.hopfield4j.Similarity;

/**
 * The scores s = sim(Ξ_s, x) of a batch of queries against one shard Ξ_s (docs/math.md#similarities),
 * block of rows by block of rows, as the single-machine retrieval computes them: one native GEMM
 * ({@link Blas}) per block in the store's precision, then the similarity's per-row / per-column
 * transform. The learned kernel scores against the shard's keys A_s = Ξ_s WᵀW, computed once when the
 * scorer is built (on the executor that holds the shard). Built per shard on the executor; the
 * lookup from global id to row is built there lazily.
 */
final class ShardScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    final PatternBlock block;
    private final Similarity.Kind kind;
    /** The GEMM operand: the patterns, or the kernel's keys A_s (then in the shard's precision). */
    private final PatternBlock keys;
    /** ‖ξ_μ‖² (l2) or ‖ξ_μ‖ (cosine) of every row; null for the other similarities. */
    private final double[] patternNorms;

    ShardScorer(PatternBlock block, ScoreSpec spec) {
        this.block = block;
        this.kind = spec.kind();
        this.keys = kind == Similarity.Kind.KERNEL ? kernelKeys(block, spec.gram()) : block;
        this.patternNorms = kind == Similarity.Kind.NEGATIVE_L2 || kind == Similarity.Kind.COSINE
                ? rowNorms(block, kind == Similarity.Kind.COSINE) : null;
    }

    int rows() {
        return block.rows();
    }

    /**
     * Scores of the B queries X (B × d, row-major, float64 values of the store's precision) against
     * rows [from, to) of the shard: B × (to − from), row-major.
     */
    double[] scores(double[] x, int B, int from, int to) {
        int r = to - from, d = block.d;
        if (kind == Similarity.Kind.NEGATIVE_MANHATTAN) return manhattan(x, B, from, to);
        double[] s = gemm(x, B, from, to);
        if (kind == Similarity.Kind.NEGATIVE_L2 || kind == Similarity.Kind.COSINE) {
            for (int b = 0; b < B; b++) {
                double q = 0;
                for (int j = 0; j < d; j++) q += x[b * d + j] * x[b * d + j];
                for (int i = 0; i < r; i++) {
                    double dot = s[b * r + i], n = patternNorms[from + i];
                    s[b * r + i] = kind == Similarity.Kind.NEGATIVE_L2
                            ? -Math.sqrt(Math.max(0, q + n - 2 * dot))
                            : (n == 0 || q == 0 ? 0 : dot / (n * Math.sqrt(q)));
                }
            }
        }
        return s;
    }

    /** X · K[from, to)ᵀ by one native GEMM in the shard's precision. */
    private double[] gemm(double[] x, int B, int from, int to) {
        int d = block.d, r = to - from;
        if (B == 0 || r == 0) return new double[B * r];
        Blas.GemmAbt product = keys.precision() == Precision.FLOAT32
                ? Blas.gemmAbt(toFloat(x), Arrays.copyOfRange(keys.floats, from * d, to * d), B, r, d)
                : Blas.gemmAbt(x, Arrays.copyOfRange(keys.doubles, from * d, to * d), B, r, d);
        try (product) {
            product.run();
            return product.result();
        }
    }

    private double[] manhattan(double[] x, int B, int from, int to) {
        int d = block.d, r = to - from;
        double[] s = new double[B * r];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < r; i++) {
                double sum = 0;
                for (int j = 0; j < d; j++) sum += Math.abs(block.get(from + i, j) - x[b * d + j]);
                s[b * r + i] = -sum;
            }
        }
        return s;
    }

    /** A_s = Ξ_s (WᵀW), accumulated in float64 and kept in the shard's precision. */
    private static PatternBlock kernelKeys(PatternBlock block, double[] gram) {
        int m = block.rows(), d = block.d;
        double[] a = new double[m * d];
        for (int mu = 0; mu < m; mu++) {
            for (int k = 0; k < d; k++) {
                double v = block.get(mu, k);
                if (v == 0) continue;
                for (int j = 0; j < d; j++) a[mu * d + j] += v * gram[k * d + j];
            }
        }
        return block.precision() == Precision.FLOAT32
                ? PatternBlock.ofFloat(block.shard, block.ids, d, toFloat(a))
                : PatternBlock.ofDouble(block.shard, block.ids, d, a);
    }

    private static double[] rowNorms(PatternBlock block, boolean root) {
        double[] n = new double[block.rows()];
        for (int mu = 0; mu < n.length; mu++) {
            double s = 0;
            for (int j = 0; j < block.d; j++) s += block.get(mu, j) * block.get(mu, j);
            n[mu] = root ? Math.sqrt(s) : s;
        }
        return n;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
