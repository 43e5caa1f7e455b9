package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.Similarity;

/**
 * What executors need of a {@link Similarity} to score a shard (a Similarity itself stays on the
 * driver): its kind and, for the learned kernel, WᵀW (d × d), from which each shard computes its keys
 * A_s = Ξ_s WᵀW (docs/math.md#sim-kernel).
 */
record ScoreSpec(Similarity.Kind kind, double[] gram) implements Serializable {

    static ScoreSpec of(Similarity similarity, int d) {
        if (similarity.kind() != Similarity.Kind.KERNEL) return new ScoreSpec(similarity.kind(), null);
        double[] w = similarity.featureMap();
        if (w == null) {
            throw new IllegalArgumentException("similarity: a kernel given by precomputed keys cannot be sharded "
                    + "(each shard computes its own keys); pass the kernel's W (Similarity.kernel(w, D, d))");
        }
        if (similarity.inputDimension() != d) {
            throw new IllegalArgumentException("similarity: the kernel's W has " + similarity.inputDimension()
                    + " columns but the store's patterns have d = " + d);
        }
        int D = similarity.featureDimension();
        double[] gram = new double[d * d];
        for (int k = 0; k < D; k++) {
            for (int i = 0; i < d; i++) {
                double wi = w[k * d + i];
                for (int j = 0; j < d; j++) gram[i * d + j] += wi * w[k * d + j];
            }
        }
        return new ScoreSpec(similarity.kind(), gram);
    }
}
