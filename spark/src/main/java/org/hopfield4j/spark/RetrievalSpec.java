package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.RetrievalMap;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;

/**
 * The settings of a Spark retrieval, replicated or sharded, in a form that travels to executors (the
 * core's {@link RetrievalMap} and {@link Similarity} stay on the driver): the map with its number (α or
 * the poly degree), β, the steps T, ε, the similarity with the kernel's W, and whether to record each
 * query's last weights. Defaults as {@link Retriever.Builder}: β = 1, T = 1, ε = 0, dot.
 *
 * <pre>{@code
 * RetrievalSpec spec = RetrievalSpec.builder().map(Separation.sparsemax()).steps(3).recordWeights(true).build();
 * }</pre>
 */
public record RetrievalSpec(MapKind map, double parameter, double beta, int steps, double eps,
                            Similarity.Kind similarity, double[] w, int D, boolean recordWeights) implements Serializable {

    public static Builder builder() {
        return new Builder();
    }

    /** The retrieval map (validated when the spec was built). */
    public RetrievalMap retrievalMap() {
        return map.retrievalMap(parameter);
    }

    /** The similarity, with W for the kernel. */
    public Similarity similarityOf(int d) {
        return similarity == Similarity.Kind.KERNEL ? Similarity.kernel(w, D, d) : Similarity.named(similarity.label());
    }

    /** A single-machine retriever of {@code store} with these settings (the caller closes it). */
    public Retriever retriever(MemoryStore store) {
        return Retriever.builder(store).retrievalMap(retrievalMap()).beta(beta).steps(steps).eps(eps)
                .similarity(similarityOf(store.dimension())).recordWeights(recordWeights).build();
    }

    /** Builds a spec; each setter checks its value as {@link Retriever.Builder} does. */
    public static final class Builder {
        private RetrievalMap map;
        private double beta = 1;
        private int steps = 1;
        private double eps = 0;
        private Similarity similarity = Similarity.dot();
        private boolean weights;

        private Builder() {}

        /** Required: the separation map. */
        public Builder map(Separation map) {
            return retrievalMap(RetrievalMap.of(map));
        }

        /** Required: a separation map or poly-n (poly-n: replicated stores only). */
        public Builder retrievalMap(RetrievalMap map) {
            if (map == null) throw new NullPointerException("map");
            if (map.kind() != MapKind.POLY && Double.isNaN(map.separation().alpha())) {
                throw new IllegalArgumentException("map: a per-row alpha does not travel to executors; got " + map.name());
            }
            this.map = map;
            return this;
        }

        public Builder beta(double beta) {
            if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta: expected finite and > 0, got " + beta);
            this.beta = beta;
            return this;
        }

        public Builder steps(int steps) {
            if (steps < 0) throw new IllegalArgumentException("steps: expected >= 0, got " + steps);
            this.steps = steps;
            return this;
        }

        public Builder eps(double eps) {
            if (!(eps >= 0) || !Double.isFinite(eps)) throw new IllegalArgumentException("eps: expected finite and >= 0, got " + eps);
            this.eps = eps;
            return this;
        }

        /** dot (default), l2, manhattan, cosine, or a kernel with its W (not precomputed keys). */
        public Builder similarity(Similarity similarity) {
            if (similarity == null) throw new NullPointerException("similarity");
            if (similarity.kind() == Similarity.Kind.KERNEL && similarity.featureDimension() == 0) {
                throw new IllegalArgumentException("similarity: a kernel given by precomputed keys does not travel to "
                        + "executors (each computes its own keys); pass the kernel's W (Similarity.kernel(w, D, d))");
            }
            this.similarity = similarity;
            return this;
        }

        /** Whether to record each query's weights of its last step (support ids and values). */
        public Builder recordWeights(boolean weights) {
            this.weights = weights;
            return this;
        }

        public RetrievalSpec build() {
            if (map == null) throw new IllegalStateException("map: not set; call map(Separation) or retrievalMap(RetrievalMap)");
            double parameter = map.kind() == MapKind.POLY ? map.degree() : map.alpha();
            return new RetrievalSpec(map.kind(), parameter, beta, steps, eps, similarity.kind(), similarity.featureMap(),
                    similarity.featureDimension(), weights);
        }
    }
}
