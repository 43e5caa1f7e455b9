package org.hopfield4j;

import java.util.function.Function;
import org.hopfield4j.internal.Check;

/**
 * The two-stage U-Hop pipeline (Algorithm 1 of Wu, Hu, Hsiao, Liu 2024) as one call: stage I learns
 * the feature map Φ(u) = W u by minimising a separation loss over the stored patterns
 * ({@link KernelTrainer}); stage II retrieves the queries with the kernel similarity
 * K(ξ, x) = ⟨W ξ, W x⟩ and a separation map ({@link Retriever}).
 *
 * <pre>{@code
 * UHop uhop = UHop.builder()
 *         .trainer(KernelTrainer.builder().epochs(100).learningRate(0.05).build())  // stage I
 *         .map(Separation.sparsemax()).beta(1).steps(1).eps(0)                     // stage II
 *         .build();
 * UHopResult r = uhop.retrieve(store, queries, B);
 * float[] states = r.retrieval().floatStates();
 * double[] losses = r.kernel().lossHistory();
 * }</pre>
 *
 * <p><b>Defaults.</b> The trainer defaults to {@code KernelTrainer.builder().build()} (the paper's
 * settings: average loss, t = 2, SGD with γ = 1, 100 epochs, rows of W normalised afterwards); the
 * map to sparsemax; β = 1, one step, ε = 0 (the paper's retrieval). The paper's γ = 1 goes with the
 * default initialisation W_0 ~ N(0, 1); a much smaller initial W makes the same γ overshoot (see
 * {@link KernelTrainer}): watch {@link LearnedKernel#lossHistory()} and lower the learning rate if it
 * does not fall.
 *
 * <p><b>Cost.</b> Stage I runs the trainer's epochs over the selected memories (O(M² D + M D d) per
 * epoch); stage II first computes the keys A = Ξ WᵀW (two matrix products), after which each step
 * costs what a dot-product step costs. To retrieve more queries with the same kernel, reuse
 * {@link UHopResult#kernel()} through {@link LearnedKernel#retriever(MemoryStore)} rather than
 * training again.
 *
 * <p><b>Errors.</b> The builder checks each setting at once ({@link IllegalArgumentException}).
 * {@code retrieve} checks the queries (precision, B ≥ 0, length, finite values) <em>before</em>
 * training, so a wrong batch fails fast; everything else is reported as by
 * {@link KernelTrainer#train(MemoryStore)} and {@link Retriever#retrieve(float[], int)}.
 *
 * <p>Instances are immutable and may be used from several threads at once (the trainer's progress
 * callback, if any, is then called from each of them).
 */
public final class UHop {
    private final KernelTrainer trainer;
    private final Separation map;
    private final double beta;
    private final int steps;
    private final double eps;
    private final boolean recordWeights;
    private final boolean recordEnergies;

    private UHop(Builder b) {
        this.trainer = b.trainer;
        this.map = b.map;
        this.beta = b.beta;
        this.steps = b.steps;
        this.eps = b.eps;
        this.recordWeights = b.recordWeights;
        this.recordEnergies = b.recordEnergies;
    }

    /** A builder with the defaults (see the class documentation). */
    public static Builder builder() {
        return new Builder();
    }

    /** The stage I trainer. */
    public KernelTrainer trainer() {
        return trainer;
    }

    /** The stage II separation map. */
    public Separation map() {
        return map;
    }

    /** β of stage II. */
    public double beta() {
        return beta;
    }

    /** T, the maximum number of stage II steps. */
    public int steps() {
        return steps;
    }

    /** ε, the per-query stopping tolerance of stage II. */
    public double eps() {
        return eps;
    }

    /** Stage I alone: the kernel learned on {@code store} (the trainer's {@code train(store)}). */
    public LearnedKernel train(MemoryStore store) {
        return trainer.train(Check.notNull(store, "store"));
    }

    /**
     * Both stages on a float32 store: learns W on the store's patterns, then retrieves the B queries
     * ({@code queries}: B × d, row-major) with the kernel similarity.
     *
     * @throws IllegalArgumentException if the store is float64, B &lt; 0, the length is not B · d or
     *     a query value is not finite (all checked before training), or as the trainer and retriever
     * @throws IllegalStateException if the store is closed, or training diverges
     */
    public UHopResult retrieve(MemoryStore store, float[] queries, int B) {
        checkQueries(store, queries, Precision.FLOAT32, B, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        return bothStages(store, retriever -> retriever.retrieve(queries, B));
    }

    /** As {@link #retrieve(MemoryStore, float[], int)}, for a float64 store. */
    public UHopResult retrieve(MemoryStore store, double[] queries, int B) {
        checkQueries(store, queries, Precision.FLOAT64, B, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        return bothStages(store, retriever -> retriever.retrieve(queries, B));
    }

    /** Stage I on the store, then {@code retrieval} with the stage II retriever of the learned kernel. */
    private UHopResult bothStages(MemoryStore store, Function<Retriever, Retrieval> retrieval) {
        LearnedKernel kernel = train(store);
        try (Retriever retriever = stageTwo(store, kernel)) {
            return new UHopResult(kernel, retrieval.apply(retriever));
        }
    }

    /** The stage II retriever of {@code kernel} on {@code store}; the caller closes it. */
    public Retriever stageTwo(MemoryStore store, LearnedKernel kernel) {
        Check.notNull(kernel, "kernel");
        return kernel.retriever(store).map(map).beta(beta).steps(steps).eps(eps)
                .recordWeights(recordWeights).recordEnergies(recordEnergies).build();
    }

    private static void checkQueries(MemoryStore store, Object queries, Precision precision, int B, int length) {
        Check.notNull(store, "store");
        if (store.isClosed()) {
            throw new IllegalStateException(MemoryStore.CLOSED);
        }
        Check.notNull(queries, "queries");
        if (store.precision() != precision) {
            throw new IllegalArgumentException("precision mismatch: queries are " + precision
                    + " but the memory store is " + store.precision() + "; pass "
                    + (store.precision() == Precision.FLOAT32 ? "float[]" : "double[]") + " queries");
        }
        int d = store.dimension();
        int n = Check.matrixSize("B", B, 0, "d", d);
        Check.length("queries", length, n, "B * d = " + B + " * " + d);
    }

    @Override
    public String toString() {
        return "UHop[" + trainer + "; " + map.name() + ", beta=" + beta + ", steps=" + steps + ", eps=" + eps + "]";
    }

    /**
     * Settings of a {@link UHop} pipeline: the trainer and the map here, stage II's β, T, ε and what to
     * record in {@link RetrievalOptions}. Each setter validates its value at once. Not thread-safe.
     */
    public static final class Builder extends RetrievalOptions<Builder> {
        private KernelTrainer trainer = KernelTrainer.builder().build();
        private Separation map = Separation.sparsemax();

        private Builder() {}

        /** The stage I trainer (default: {@code KernelTrainer.builder().build()}, the paper's settings). */
        public Builder trainer(KernelTrainer trainer) {
            this.trainer = Check.notNull(trainer, "trainer");
            return this;
        }

        /**
         * The stage II separation map (default sparsemax).
         *
         * @throws IllegalArgumentException for a per-row α-entmax, which retrieval does not support
         */
        public Builder map(Separation map) {
            this.map = RetrievalMap.of(map).separation(); // the retriever's rule: no per-row α
            return this;
        }

        public UHop build() {
            return new UHop(this);
        }
    }
}
