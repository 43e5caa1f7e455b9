package org.hopfield4j.spark;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.hopfield4j.Blas;
import org.hopfield4j.SparseWeights;

/**
 * What one shard computes for one retrieval step of a batch of queries (docs/spark.md#exact-merge):
 * the softmax partial sums (scores streaming through in blocks of rows, so the working memory is
 * O(B × block), as docs/math.md#blocked-scores), or the candidates of a sparse map, then its share
 * Σ p_μ ξ_μ of the new states.
 */
final class ShardStep {
    /**
     * Scores held at once: B × block ≤ this many doubles (2 MiB). Small on purpose: a larger array is a
     * fresh humongous allocation for every block, and touching its new pages cost more than the GEMM.
     */
    static final int SCORE_BLOCK_ELEMENTS = 1 << 18;

    private ShardStep() {}

    static int blockRows(int B) {
        return Math.max(1, SCORE_BLOCK_ELEMENTS / Math.max(1, B));
    }

    /** Per query: max β·s, Σ exp(β·s − max) and Σ exp(β·s − max) ξ_μ over the shard (streaming log-sum-exp). */
    static SoftmaxPartial softmax(ShardScorer scorer, double[] x, int B, double beta) {
        int d = scorer.block.d, m = scorer.rows();
        SoftmaxPartial part = SoftmaxPartial.empty(B, d);
        for (int from = 0; from < m; from += blockRows(B)) {
            int to = Math.min(m, from + blockRows(B)), r = to - from;
            double[] s = scorer.scores(x, B, from, to);
            for (int b = 0; b < B; b++) {
                double blockMax = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < r; i++) blockMax = Math.max(blockMax, beta * s[b * r + i]);
                double newMax = Math.max(part.max[b], blockMax);
                part.rescale(b, newMax);
                for (int i = 0; i < r; i++) {
                    double e = Math.exp(beta * s[b * r + i] - newMax);
                    s[b * r + i] = e;
                    part.sum[b] += e;
                }
            }
            addWeightedRows(part.weighted, s, B, scorer.block, from, to);
        }
        return part;
    }

    /** Y (B × d) += E (B × r) · Ξ[from, to) by one native GEMM (Ξ's block transposed, float64). */
    private static void addWeightedRows(double[] y, double[] e, int B, PatternBlock block, int from, int to) {
        int d = block.d, r = to - from;
        double[] transposed = new double[d * r];
        for (int i = 0; i < r; i++) for (int j = 0; j < d; j++) transposed[j * r + i] = block.get(from + i, j);
        try (Blas.GemmAbt product = Blas.gemmAbt(e, transposed, B, d, r)) {
            product.run();
            double[] c = product.result();
            for (int k = 0; k < c.length; k++) y[k] += c[k];
        }
    }

    /**
     * The shard's local support of each query with the entries' scores: the candidates whose union over
     * the shards holds the global support (docs/spark.md#exact-merge).
     */
    static Candidates candidates(ShardScorer scorer, double[] x, int B) {
        Candidates.Builder out = new Candidates.Builder(B);
        if (scorer.rows() == 0) {
            for (int b = 0; b < B; b++) out.endRow();
            return out.build();
        }
        SparseWeights local = scorer.localSupports(x, B);
        // one GEMM against the rows in any query's support: the scores round as the single machine's do
        int[][] supports = new int[B][];
        for (int b = 0; b < B; b++) supports[b] = local.rowIndices(b);
        int[] rows = Arrays.stream(supports).flatMapToInt(IntStream::of).distinct().sorted().toArray();
        double[][] scores = new double[B][];
        for (int b = 0; b < B; b++) scores[b] = new double[supports[b].length];
        for (int from = 0; from < rows.length; from += blockRows(B)) {
            int[] chunk = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + blockRows(B)));
            double[] s = scorer.scores(x, B, chunk);
            for (int b = 0; b < B; b++) {
                int[] support = supports[b];
                for (int k = 0; k < support.length; k++) {
                    int at = Arrays.binarySearch(chunk, support[k]);
                    if (at >= 0) scores[b][k] = s[b * chunk.length + at];
                }
            }
        }
        for (int b = 0; b < B; b++) {
            int[] support = supports[b];
            for (int k = 0; k < support.length; k++) out.add(scorer.block.ids[support[k]], scores[b][k]);
            out.endRow();
        }
        return out.build();
    }

    /** This shard's share Σ_{μ in shard} p_μ ξ_μ of each query's new state (B × d). */
    static double[] partialStates(PatternBlock block, Candidates weights) {
        int d = block.d;
        double[] y = new double[weights.rows * d];
        Map<Long, Integer> row = block.rowOfId();
        for (int b = 0; b < weights.rows; b++) {
            for (long k = weights.offsets[b]; k < weights.offsets[b + 1]; k++) {
                Integer mu = row.get(weights.ids[(int) k]);
                if (mu == null) continue;
                double p = weights.values[(int) k];
                for (int j = 0; j < d; j++) y[b * d + j] += p * block.get(mu, j);
            }
        }
        return y;
    }

    /** Every softmax weight exp(β·s − max)/Σ of the shard's patterns, given the merged max and Σ. */
    static Candidates softmaxWeights(ShardScorer scorer, double[] x, int B, double beta, double[] max, double[] sum) {
        int m = scorer.rows();
        Candidates[] blocks = new Candidates[(m + blockRows(B) - 1) / blockRows(B)];
        int n = 0;
        for (int from = 0; from < m; from += blockRows(B)) {
            int to = Math.min(m, from + blockRows(B)), r = to - from;
            double[] s = scorer.scores(x, B, from, to);
            Candidates.Builder out = new Candidates.Builder(B);
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < r; i++) out.add(scorer.block.ids[from + i], Math.exp(beta * s[b * r + i] - max[b]) / sum[b]);
                out.endRow();
            }
            blocks[n++] = out.build();
        }
        return Candidates.concat(Arrays.asList(blocks), B);
    }
}
