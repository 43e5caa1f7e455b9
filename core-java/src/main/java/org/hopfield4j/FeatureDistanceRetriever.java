package org.hopfield4j;

import org.hopfield4j.internal.Check;

/**
 * Retrieval with a distance between learned features: s_μ = −‖W ξ_μ − W x‖₁ (or −‖W ξ_μ − W x‖₂) for the
 * feature map W of a {@link LearnedKernel}, p = map(β s), and the update x ← Σ_μ p_μ ξ_μ over the stored
 * patterns themselves (not their features). The kernel similarity ⟨W ξ, W x⟩ rewards large features;
 * a distance rewards the nearest memory in feature space, which keeps retrieval exact under small noise
 * (docs/results.md#model-search).
 *
 * <p>The scores and the map run natively: the features Ξ Wᵀ (M × D, float64) form a store of their own,
 * searched with the {@link Similarity#negativeManhattan()} or {@link Similarity#negativeL2()} similarity, and
 * each step maps the query's features W x onto it (one step there), takes the recorded weights p and
 * forms p Ξ. Float64 throughout. Closing releases the feature store.
 */
public final class FeatureDistanceRetriever implements AutoCloseable {
    private final double[] w;          // D x d
    private final int D;
    private final int d;
    private final double[] patterns;   // M x d, the values of the update
    private final int M;
    private final int steps;
    private final MemoryStore features;
    private final Retriever onFeatures;

    /**
     * @param distance {@link Similarity#negativeManhattan()} or {@link Similarity#negativeL2()}
     * @throws IllegalArgumentException for another similarity, β not finite and &gt; 0, steps &lt; 1, or a
     *     kernel whose input dimension is not the store's
     */
    public FeatureDistanceRetriever(LearnedKernel kernel, MemoryStore store, Similarity distance, Separation map,
                                    double beta, int steps) {
        Check.notNull(kernel, "kernel");
        Check.notNull(store, "store");
        Check.notNull(distance, "distance");
        Check.notNull(map, "map");
        Similarity.Kind kind = distance.kind();
        if (kind != Similarity.Kind.NEGATIVE_MANHATTAN && kind != Similarity.Kind.NEGATIVE_L2) {
            throw new IllegalArgumentException("distance must be manhattan or l2 (a distance between features), got "
                    + kind.label());
        }
        if (kernel.inputDimension() != store.dimension()) {
            throw new IllegalArgumentException("kernel takes d = " + kernel.inputDimension()
                    + " inputs but the store holds patterns of d = " + store.dimension());
        }
        this.steps = Check.positive("steps", steps);
        this.w = kernel.featureMap();
        this.D = kernel.featureDimension();
        this.d = store.dimension();
        this.M = store.size();
        this.patterns = store.toDoubleArray();
        this.features = MemoryStore.ofDouble(features(patterns, M), M, D);
        try {
            this.onFeatures = Retriever.builder(features).similarity(distance).map(map).beta(beta).steps(1).eps(0)
                    .recordWeights(true).build();
        } catch (RuntimeException e) {
            features.close();
            throw e;
        }
    }

    /** The retrieved states (B × d, float64) of B queries (B × d, row-major). */
    public double[] retrieve(double[] queries, int B) {
        Check.notNull(queries, "queries");
        Check.length("queries", queries.length, (long) B * d, "B * d = " + B + " * " + d);
        double[] x = queries.clone();
        for (int t = 0; t < steps; t++) {
            x = update(onFeatures.retrieve(features(x, B), B).weights(), B);
        }
        return x;
    }

    /** {@link #retrieve(double[], int)} of float32 queries. */
    public double[] retrieve(float[] queries, int B) {
        Check.notNull(queries, "queries");
        double[] q = new double[queries.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = queries[i];
        }
        return retrieve(q, B);
    }

    /** The rows of {@code x} (n × d) mapped by W: n × D. */
    private double[] features(double[] x, int n) {
        try (Blas.GemmAbt product = Blas.gemmAbt(x, w, n, D, d)) {
            product.run();
            return product.result();
        }
    }

    /** x̂_b = Σ_μ p_bμ ξ_μ over the recorded (sparse) weights. */
    private double[] update(SparseWeights p, int B) {
        double[] out = new double[B * d];
        for (int b = 0; b < B; b++) {
            int[] mu = p.rowIndices(b);
            double[] v = p.rowValues(b);
            for (int k = 0; k < mu.length; k++) {
                int row = mu[k] * d;
                for (int i = 0; i < d; i++) {
                    out[b * d + i] += v[k] * patterns[row + i];
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        onFeatures.close();
        features.close();
    }
}
