package org.hopfield4j.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A shard's (or several shards') softmax sums for each query, relative to their own maximum:
 * max = max β·s, sum = Σ exp(β·s − max), weighted = Σ exp(β·s − max) ξ_μ (B × d). Two partials merge
 * exactly by rescaling to the larger maximum; the state is weighted / sum (docs/spark.md#exact-merge).
 */
final class SoftmaxPartial implements Serializable {
    private static final long serialVersionUID = 1L;

    final int d;
    final double[] max;
    final double[] sum;
    final double[] weighted;

    private SoftmaxPartial(int B, int d) {
        this.d = d;
        max = new double[B];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        sum = new double[B];
        weighted = new double[B * d];
    }

    /** Nothing yet: max −∞, sums 0 (what an empty shard contributes). */
    static SoftmaxPartial empty(int B, int d) {
        return new SoftmaxPartial(B, d);
    }

    /** Re-expresses query b's sums relative to {@code newMax} ≥ its max. */
    void rescale(int b, double newMax) {
        if (newMax == max[b]) return;
        double f = max[b] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(max[b] - newMax);
        sum[b] *= f;
        for (int j = 0; j < d; j++) weighted[b * d + j] *= f;
        max[b] = newMax;
    }

    /** Adds {@code other}'s sums into this one (both end up relative to the larger maximum). */
    SoftmaxPartial merge(SoftmaxPartial other) {
        for (int b = 0; b < max.length; b++) {
            double newMax = Math.max(max[b], other.max[b]);
            if (newMax == Double.NEGATIVE_INFINITY) continue;
            rescale(b, newMax);
            double f = Math.exp(other.max[b] - newMax);
            sum[b] += f * other.sum[b];
            for (int j = 0; j < d; j++) weighted[b * d + j] += f * other.weighted[b * d + j];
        }
        return this;
    }
}
