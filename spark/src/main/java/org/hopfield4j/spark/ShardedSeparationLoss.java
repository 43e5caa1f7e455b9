package org.hopfield4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.hopfield4j.SeparationLoss;

/**
 * U-Hop stage I on a sharded store (docs/spark.md#uhop): the separation loss over all M(M − 1)/2 pattern
 * pairs and its gradient with respect to W, as a sum over the pairs of shards, each pair computed by an
 * executor ({@link BlockPairLoss}), merged exactly on the driver. The M × M pair matrix, which bounds M
 * on one machine (docs/math.md#loss-gradient), never exists: an executor holds two shards' pairs at a
 * time. Gives {@link SeparationLoss#evaluate} of the single machine (float64).
 *
 * <pre>{@code
 * SeparationLoss.Evaluation e = ShardedSeparationLoss.evaluate(store, SeparationLoss.AVG, w, D, 2.0, true);
 * }</pre>
 */
public final class ShardedSeparationLoss {
    private ShardedSeparationLoss() {}

    /**
     * The loss, ∂L/∂W (D × d row-major) and the smallest squared pairwise feature distance.
     *
     * @param w the feature map W, D × d row-major (d = the store's dimension)
     * @param t the scale t &gt; 0 (paper: 2)
     * @param normalize whether the features are normalised to unit length first
     * @throws IllegalArgumentException if W is not D × d, t is not finite and &gt; 0, or the store has fewer than 2 patterns
     */
    public static SeparationLoss.Evaluation evaluate(ShardedStore store, SeparationLoss loss, double[] w, int D, double t,
                                                     boolean normalize) {
        if (store == null || loss == null || w == null) throw new NullPointerException(store == null ? "store" : loss == null ? "loss" : "w");
        int d = store.dimension();
        if (D < 1 || (long) D * d != w.length) {
            throw new IllegalArgumentException("w: expected D * d = " + D + " * " + d + " values (D >= 1), got " + w.length);
        }
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) throw new IllegalArgumentException("w: element " + i + " is " + w[i] + ", expected a finite value");
        }
        if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("t: expected finite and > 0, got " + t);
        if (store.size() < 2) throw new IllegalArgumentException("store: the loss needs at least 2 patterns, got " + store.size());
        JavaRDD<PatternBlock> blocks = store.blocks();
        double[] weights = w.clone();
        return blocks.cartesian(blocks)
                .filter(pair -> pair._1().shard <= pair._2().shard)
                .map(pair -> BlockPairLoss.of(loss, pair._1(), pair._2(), weights, D, t, normalize))
                .reduce((a, b) -> a.merge(loss, b))
                .evaluation(loss);
    }
}
