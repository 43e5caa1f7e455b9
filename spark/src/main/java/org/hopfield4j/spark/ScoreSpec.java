package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.Similarity;

/**
 * What a shard's scorer needs of the similarity: its kind and, for the learned kernel, WᵀW (d × d), from which each shard computes its keys
 * A_s = Ξ_s WᵀW (docs/math.md#sim-kernel).
 */
record ScoreSpec(Similarity.Kind kind, double[] gram) implements Serializable {

    static ScoreSpec of(RetrievalSpec settings, int d) {
        if (settings.similarity() != Similarity.Kind.KERNEL) return new ScoreSpec(settings.similarity(), null);
        double[] w = settings.w();
        int D = settings.D();
        if ((long) D * d != w.length) {
            throw new IllegalArgumentException("similarity: the kernel's W has " + (w.length / D) + " columns but the "
                    + "store's patterns have d = " + d);
        }
        double[] gram = new double[d * d];
        for (int k = 0; k < D; k++) {
            for (int i = 0; i < d; i++) {
                double wi = w[k * d + i];
                for (int j = 0; j < d; j++) gram[i * d + j] += wi * w[k * d + j];
            }
        }
        return new ScoreSpec(Similarity.Kind.KERNEL, gram);
    }
}
