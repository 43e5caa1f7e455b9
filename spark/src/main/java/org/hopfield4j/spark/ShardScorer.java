package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.Blas;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retrieval;
import org.hopfield4j.Retriever;
import org.hopfield4j.Similarity;
import org.hopfield4j.SparseWeights;

/**
 * One shard's view of a retrieval: its local supports (its own native one-step retrieval), and the
 * scores s = sim(Ξ_s, x) (docs/math.md#similarities) of single entries or, block of rows by block of rows,
 * of all of them: one native GEMM ({@link Blas}) per block in the store's precision, then the similarity's
 * per-row / per-column transform. The learned kernel scores against the shard's keys A_s = Ξ_s WᵀW, computed once when the
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
    /** The retrieval's settings for one step with weights: the shard's own native retrieval finds its local supports. */
    private final RetrievalSpec localStep;
    /**
     * The shard as a native store and its one-step retriever, made on first use where the shard is cached.
     * Owned by this scorer for as long as Spark caches it; when the retriever is closed (unpersist) and the
     * scorer is dropped, their Cleaners free the native memory (no hook runs when Spark evicts a block).
     */
    private transient MemoryStore store;
    private transient Retriever local;

    ShardScorer(PatternBlock block, ScoreSpec spec, RetrievalSpec settings) {
        this.block = block;
        this.kind = spec.kind();
        this.keys = kind == Similarity.Kind.KERNEL ? kernelKeys(block, spec.gram()) : block;
        this.patternNorms = kind == Similarity.Kind.NEGATIVE_L2 || kind == Similarity.Kind.COSINE
                ? rowNorms(block, kind == Similarity.Kind.COSINE) : null;
        this.localStep = new RetrievalSpec(settings.map(), settings.parameter(), settings.beta(), 1, 0, settings.similarity(),
                settings.w(), settings.D(), true);
    }

    /**
     * The shard's local support of each of the B queries: the patterns with a positive weight under the map
     * applied to this shard's scores alone, from the native single-machine retrieval of one step (its
     * blocked or fused passes, [support bound](math.md#support-bound) included). Rows are shard rows.
     */
    SparseWeights localSupports(double[] x, int B) {
        Retriever retriever = localRetriever();
        Retrieval r = block.precision() == Precision.FLOAT32 ? retriever.retrieve(toFloat(x), B) : retriever.retrieve(x, B);
        return r.weights();
    }

    private synchronized Retriever localRetriever() {
        if (local == null) {
            store = block.precision() == Precision.FLOAT32 ? MemoryStore.ofFloat(block.floats, block.rows(), block.d)
                    : MemoryStore.ofDouble(block.doubles, block.rows(), block.d);
            local = localStep.retriever(store);
        }
        return local;
    }

    /** Closes the local retriever and store, if made (ShardedRetriever.close, on the executors). */
    synchronized void close() {
        if (local != null) {
            local.close();
            store.close();
            local = null;
        }
    }

    /** −Σ_j |ξ_row,j − x_b,j|: Manhattan has no product form (docs/math.md#sim-neg-manhattan). */
    private double manhattan(double[] x, int b, int row) {
        int d = block.d;
        double sum = 0;
        for (int j = 0; j < d; j++) sum += Math.abs(block.get(row, j) - x[b * d + j]);
        return -sum;
    }

    /** The similarity from ⟨key, x⟩: itself (dot, kernel), −‖ξ − x‖ (l2) or the cosine. */
    private double transform(double dot, double q, int row) {
        return switch (kind) {
            case NEGATIVE_L2 -> -Math.sqrt(Math.max(0, q + patternNorms[row] - 2 * dot));
            case COSINE -> patternNorms[row] == 0 || q == 0 ? 0 : dot / (patternNorms[row] * Math.sqrt(q));
            default -> dot;
        };
    }

    private double squaredNorm(double[] x, int b) {
        double q = 0;
        for (int j = 0; j < block.d; j++) q += x[b * block.d + j] * x[b * block.d + j];
        return q;
    }

    int rows() {
        return block.rows();
    }

    /**
     * Scores of the B queries X (B × d, row-major, float64 values of the store's precision) against
     * rows [from, to) of the shard: B × (to − from), row-major.
     */
    double[] scores(double[] x, int B, int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) rows[i] = from + i;
        return scores(x, B, rows);
    }

    /** As {@link #scores(double[], int, int, int)}, against the given shard rows: B × rows.length. */
    double[] scores(double[] x, int B, int[] rows) {
        int r = rows.length;
        if (kind == Similarity.Kind.NEGATIVE_MANHATTAN) {
            double[] s = new double[B * r];
            for (int b = 0; b < B; b++) for (int i = 0; i < r; i++) s[b * r + i] = manhattan(x, b, rows[i]);
            return s;
        }
        double[] s = gemm(x, B, rows);
        if (kind == Similarity.Kind.NEGATIVE_L2 || kind == Similarity.Kind.COSINE) {
            for (int b = 0; b < B; b++) {
                double q = squaredNorm(x, b);
                for (int i = 0; i < r; i++) s[b * r + i] = transform(s[b * r + i], q, rows[i]);
            }
        }
        return s;
    }

    /** X · K[rows]ᵀ by one native GEMM in the shard's precision (the single-machine retrieval's rounding). */
    private double[] gemm(double[] x, int B, int[] rows) {
        int d = block.d, r = rows.length;
        if (B == 0 || r == 0) return new double[B * r];
        Blas.GemmAbt product;
        if (keys.precision() == Precision.FLOAT32) {
            float[] k = new float[r * d];
            for (int i = 0; i < r; i++) System.arraycopy(keys.floats, rows[i] * d, k, i * d, d);
            product = Blas.gemmAbt(toFloat(x), k, B, r, d);
        } else {
            double[] k = new double[r * d];
            for (int i = 0; i < r; i++) System.arraycopy(keys.doubles, rows[i] * d, k, i * d, d);
            product = Blas.gemmAbt(x, k, B, r, d);
        }
        try (product) {
            product.run();
            return product.result();
        }
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
