package org.hopfield4j.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.hopfield4j.Blas;

/**
 * What one shard computes for one retrieval step of a batch of queries (docs/spark.md#exact-merge):
 * the softmax partial sums, or the candidates of a sparse map, then its share Σ p_μ ξ_μ of the new
 * states. Scores stream through in blocks of rows so the working memory is O(B × block), as in the
 * single-machine retrieval (docs/math.md#blocked-scores).
 */
final class ShardStep {
    /** Scores held at once: B × block ≤ this many doubles (32 MiB). */
    static final int SCORE_BLOCK_ELEMENTS = 1 << 22;

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
     * The shard's local support of each query, with the scores: first every score within the support
     * bound of the running maximum (docs/math.md#support-bound), then the map on those, keeping p &gt; 0.
     */
    static Candidates candidates(ShardScorer scorer, double[] x, int B, MapSpec map, double beta) {
        int m = scorer.rows();
        double window = map.window(beta);
        double[] runningMax = new double[B];
        Arrays.fill(runningMax, Double.NEGATIVE_INFINITY);
        long[][] ids = new long[B][];
        double[][] values = new double[B][];
        int[] counts = new int[B];
        for (int from = 0; from < m; from += blockRows(B)) {
            int to = Math.min(m, from + blockRows(B)), r = to - from;
            double[] s = scorer.scores(x, B, from, to);
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < r; i++) runningMax[b] = Math.max(runningMax[b], s[b * r + i]);
                for (int i = 0; i < r; i++) {
                    if (runningMax[b] - s[b * r + i] >= window) continue;
                    if (ids[b] == null) { ids[b] = new long[16]; values[b] = new double[16]; }
                    if (counts[b] == ids[b].length) {
                        ids[b] = Arrays.copyOf(ids[b], 2 * counts[b]);
                        values[b] = Arrays.copyOf(values[b], 2 * counts[b]);
                    }
                    ids[b][counts[b]] = scorer.block.ids[from + i];
                    values[b][counts[b]++] = s[b * r + i];
                }
            }
        }
        Candidates.Builder windowed = new Candidates.Builder(B);
        for (int b = 0; b < B; b++) {
            for (int k = 0; k < counts[b]; k++) {
                if (runningMax[b] - values[b][k] < window) windowed.add(ids[b][k], values[b][k]);
            }
            windowed.endRow();
        }
        Candidates local = windowed.build();
        Candidates weights = CandidateMap.support(map.separation(), beta, local);
        return withScores(weights, local);
    }

    /** The entries of {@code support} (ids sorted per row) with their scores from {@code scored}. */
    private static Candidates withScores(Candidates support, Candidates scored) {
        Candidates.Builder out = new Candidates.Builder(support.rows);
        for (int b = 0; b < support.rows; b++) {
            Map<Long, Double> score = new HashMap<>();
            for (long k = scored.offsets[b]; k < scored.offsets[b + 1]; k++) score.put(scored.ids[(int) k], scored.values[(int) k]);
            for (long k = support.offsets[b]; k < support.offsets[b + 1]; k++) {
                long id = support.ids[(int) k];
                out.add(id, score.get(id));
            }
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
