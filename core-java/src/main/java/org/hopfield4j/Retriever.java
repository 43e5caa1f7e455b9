package org.hopfield4j;

import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.RowNorms;

/**
 * Batched retrieval from a {@link MemoryStore}: B queries in, B retrieved patterns out, by the
 * modern Hopfield update x ← Σ_μ p_μ ξ_μ with p = Sep(β · sim(Ξ, x)).
 *
 * <pre>{@code
 * Retriever retriever = Retriever.builder(store)
 *         .map(Separation.sparsemax())   // required: map(...) or polynomial(n)
 *         .beta(1.0).steps(1).eps(0)     // the defaults
 *         .similarity(Similarity.dot())  // the default
 *         .recordWeights(true)           // association weights of the last step, sparse
 *         .build();
 * Retrieval r = retriever.retrieve(queries, B);   // float[] for a float32 store, double[] for float64
 * float[] states = r.floatStates();               // B x d
 * }</pre>
 *
 * <p><b>Configuration</b> ({@link Builder}, every setter documents its default): the map (required:
 * a {@link Separation}, or the poly-n baseline p_μ ∝ max(s_μ, 0)^n, all zeros when no s_μ &gt; 0),
 * β, the maximum number of steps T and the tolerance ε (each query stops on its own; T = 0 leaves
 * the queries unchanged), the similarity, the score block (working memory O(B × scoreBlock) whatever
 * M is; results do not depend on it), and whether to record the weights of each query's last step
 * ({@link Retrieval#weights()}: CSR, the support for the sparse maps, all M entries for softmax) and
 * the energies before and after.
 *
 * <p><b>Energy</b> (docs/math.md#energy): E(x) = ½⟨x, x⟩ − (1/β) Ψ*_α(β Ξ x) for the dot similarity, and
 * E_K(x) = ½‖W x‖² − (1/β) Ψ*_α(β K(Ξ, x)) for the kernel, with Ψ*_α the convex conjugate of the
 * Tsallis entropy (log-sum-exp for softmax). It is defined for every map but poly-n, with the dot
 * similarity or a kernel whose W is known; along the iteration it never increases (for the kernel
 * when W has full column rank). {@link #energy(float[], int)} evaluates it without retrieving.
 *
 * <p><b>Errors.</b> The builder rejects bad settings with {@link IllegalArgumentException} (naming
 * the setting and the value) and a missing map with {@link IllegalStateException}; energies with a
 * similarity or map that has none are rejected by {@link Builder#build()}. The overflow bounds are
 * those of {@code ScoreBounds}; the native call and its weight buffers are {@code NativeRetrieval}'s.
 * {@code retrieve} checks before any native code runs: a closed store or retriever
 * ({@link IllegalStateException}), queries of the wrong precision, B &lt; 0, a wrong length, a value
 * that is not finite (with its row and column), or queries (or, when it takes a step, stored
 * patterns) so large that β·s could overflow the working precision, and, for energies, a β too small
 * for the energy's (1/β)·Ψ* term or a kernel whose |W x| could overflow ({@link IllegalArgumentException};
 * the message starts with what is to blame: {@code beta}, the memory store's patterns, the kernel's W,
 * or a queries row).
 *
 * <p><b>Threads and lifetime.</b> A retriever is immutable and may be used by any number of threads
 * at once. It does not own the store (close the store yourself, after the retrievers). A kernel
 * retriever owns native memory (the keys A = Ξ WᵀW, and W); {@link #close()} frees it, with the same
 * in-flight guarantee as {@link MemoryStore#close()} (and the same {@link java.lang.ref.Cleaner}
 * safety net for a retriever that is never closed). Every retriever is {@link AutoCloseable} for
 * uniformity: after {@code close()} its methods throw {@link IllegalStateException}; for the
 * non-kernel similarities close frees nothing and forgetting it leaks nothing. Concurrent
 * retrievals give bit for bit the results of the same calls made one at a time. When many caller
 * threads retrieve at once, call {@link NativeRuntime#useCallerThreads()} first so the native side
 * does not start its own threads on top of them. Only the {@link Builder} is not thread-safe.
 */
public final class Retriever implements AutoCloseable {
    static final String CLOSED = "retriever is closed";

    /** Working memory of one block of scores: B × scoreBlock elements ≈ this many bytes. */
    public static final long DEFAULT_SCORE_BLOCK_BYTES = NativeRetrieval.DEFAULT_SCORE_BLOCK_BYTES;
    /** The smallest automatic score block. */
    public static final int MIN_DEFAULT_SCORE_BLOCK = NativeRetrieval.MIN_DEFAULT_SCORE_BLOCK;

    private final RetrieverSettings settings;
    private final NativeRetrieval engine;
    private volatile boolean closed;

    private Retriever(RetrieverSettings settings, NativeRetrieval engine) {
        this.settings = settings;
        this.engine = engine;
    }

    /** A builder for retrieval from {@code store}. */
    public static Builder builder(MemoryStore store) {
        return new Builder(Check.notNull(store, "store"));
    }

    // ------------------------------------------------------------------ accessors

    /** The store retrieved from. */
    public MemoryStore store() {
        return settings.store();
    }

    /** The map of each step: a separation map or poly-n. */
    public RetrievalMap retrievalMap() {
        return settings.map();
    }

    /** The separation map, or null for poly-n. */
    public Separation map() {
        return settings.map().separation();
    }

    /** n of poly-n, or NaN when a separation map is used. */
    public double polynomialDegree() {
        return settings.map().degree();
    }

    /** β, the inverse temperature (ignored by poly-n). */
    public double beta() {
        return settings.beta();
    }

    /** T, the maximum number of steps. */
    public int steps() {
        return settings.steps();
    }

    /** ε, the per-query stopping tolerance on ‖x_{t+1} − x_t‖. */
    public double eps() {
        return settings.eps();
    }

    /** The similarity. */
    public Similarity similarity() {
        return settings.similarity();
    }

    /** The configured score block, or 0 when it is chosen per batch ({@link #scoreBlockFor(int)}). */
    public long scoreBlock() {
        return settings.scoreBlock();
    }

    /** Whether retrievals record the association weights. */
    public boolean recordsWeights() {
        return settings.recordWeights();
    }

    /** Whether retrievals record energies. */
    public boolean recordsEnergies() {
        return settings.recordEnergies();
    }

    /** Whether {@link #energy(float[], int)} is available: a map with an energy, with the dot similarity or a kernel with W. */
    public boolean hasEnergy() {
        return settings.hasEnergy();
    }

    /**
     * The score block used for a batch of B queries: the configured one, else
     * max({@value #MIN_DEFAULT_SCORE_BLOCK}, 32 MiB / (B × element size)); never more than M.
     */
    public long scoreBlockFor(int B) {
        return engine.scoreBlockFor(B);
    }

    // ------------------------------------------------------------------ retrieval

    /**
     * Retrieves from a float32 store: {@code queries} holds B queries of dimension d, row-major.
     *
     * @throws IllegalArgumentException if the store is float64, B &lt; 0, the length is not B · d,
     *     a value is not finite, or a query (or, when a step is taken, a stored pattern) is so large that
     *     β·s could overflow float32; with energies recorded, also if β is too small for them (the
     *     energy's (1/β)·Ψ* term would overflow: any subnormal β) or, with a kernel, |W x| could overflow
     * @throws IllegalStateException if the retriever or its store is closed
     * @throws OutOfMemoryError if the native side cannot allocate its working memory (O(B × scoreBlock))
     */
    public Retrieval retrieve(float[] queries, int B) {
        return retrieveValidated(validate(queries, B, Precision.FLOAT32, steps() > 0, recordsEnergies()), B);
    }

    /** As {@link #retrieve(float[], int)}, for a float64 store. */
    public Retrieval retrieve(double[] queries, int B) {
        return retrieveValidated(validate(queries, B, Precision.FLOAT64, steps() > 0, recordsEnergies()), B);
    }

    private Retrieval retrieveValidated(Object queries, int B) {
        return engine.run(queries, B, steps(), recordsEnergies(), recordsWeights());
    }

    /**
     * The energy E(x) (or E_K(x)) of each of B float32 queries, without retrieving.
     *
     * @throws IllegalStateException if this retriever has no energy ({@link #hasEnergy()}), or is closed
     * @throws IllegalArgumentException as {@link #retrieve(float[], int)}
     */
    public double[] energy(float[] queries, int B) {
        checkEnergy();
        return engine.run(validate(queries, B, Precision.FLOAT32, false, true), B, 0, true, false).energyBefore();
    }

    /** As {@link #energy(float[], int)}, for a float64 store. */
    public double[] energy(double[] queries, int B) {
        checkEnergy();
        return engine.run(validate(queries, B, Precision.FLOAT64, false, true), B, 0, true, false).energyBefore();
    }

    private void checkEnergy() {
        if (!hasEnergy()) {
            throw new IllegalStateException("no energy for this retriever: energies need a map of the entmax "
                    + "family (not poly-n) and the dot similarity or a kernel with W; it uses "
                    + settings.map().name() + " with " + similarity().name());
        }
    }

    /**
     * Checks a batch of {@code precision} queries (a float[] or double[]) before any native call: open,
     * right precision and length, finite, and scores that cannot overflow (after a step too when the
     * retrieval {@code iterates}: then the store's own bound first, so that it is blamed rather than a
     * query); with {@code energies}, β and the kernel's W against the energy's terms. Returns the queries.
     */
    private Object validate(Object queries, int B, Precision precision, boolean iterates, boolean energies) {
        checkQueries(queries, B, precision, queries == null ? 0 : java.lang.reflect.Array.getLength(queries));
        int d = store().dimension();
        if (iterates) ScoreBounds.checkAccumulation(store());
        if (energies) ScoreBounds.checkEnergyScale(settings);
        double featureNorm = energies && similarity().kind() == Similarity.Kind.KERNEL
                ? ScoreBounds.featureNorm(similarity()) : 0;
        RowNorms.RowVisitor bound = (b, l2, l1) -> {
            ScoreBounds.checkQuery(settings, engine.keyNorm(), b, l2, l1, iterates);
            if (featureNorm > 0) ScoreBounds.checkFeatures(settings, featureNorm, b, l2, iterates);
        };
        if (queries instanceof float[] f) {
            Check.finiteMatrix("queries", f, d);
            RowNorms.eachRow(f, B, d, bound);
        } else {
            double[] x = (double[]) queries;
            Check.finiteMatrix("queries", x, d);
            RowNorms.eachRow(x, B, d, bound);
        }
        return queries;
    }

    private void checkQueries(Object queries, int B, Precision precision, int length) {
        if (closed) throw new IllegalStateException(CLOSED);
        MemoryStore store = store();
        if (store.isClosed()) throw new IllegalStateException(MemoryStore.CLOSED);
        Check.notNull(queries, "queries");
        if (precision != store.precision()) {
            throw new IllegalArgumentException("precision mismatch: queries are " + precision + " ("
                    + (precision == Precision.FLOAT32 ? "float[]" : "double[]") + ") but the memory store is "
                    + store.precision() + "; pass " + (store.precision() == Precision.FLOAT32 ? "float[]" : "double[]")
                    + " queries");
        }
        int d = store.dimension();
        int n = Check.matrixSize("B", B, 0, "d", d);
        Check.length("queries", length, n, "B * d = " + B + " * " + d);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Frees the native memory this retriever owns (kernel keys), now or when the last retrieval in flight ends. Idempotent. */
    @Override
    public void close() {
        closed = true;
        engine.close();
    }

    /** Whether the native memory this retriever owns (kernel keys) is freed; true if it owns none. For tests. */
    boolean ownedMemoryFreed() {
        return engine.ownedMemoryFreed();
    }

    @Override
    public String toString() {
        return "Retriever[" + settings.map().name() + ", beta=" + beta() + ", steps=" + steps() + ", eps=" + eps() + ", "
                + similarity().name() + ", scoreBlock=" + (scoreBlock() > 0 ? String.valueOf(scoreBlock()) : "auto")
                + (recordsWeights() ? ", weights" : "") + (recordsEnergies() ? ", energies" : "") + ", " + store() + "]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link Retriever}: the map, the similarity and the score block here, β, T, ε and
     * what to record in {@link RetrievalOptions}. Every setter checks its argument at once;
     * {@link #build()} checks the combination. Not thread-safe; may build any number of retrievers.
     */
    public static final class Builder extends RetrievalOptions<Builder> {
        private final MemoryStore store;
        private RetrievalMap map;
        private Similarity similarity = Similarity.dot();
        private long scoreBlock;
        private long weightCapacity = -1;

        private Builder(MemoryStore store) {
            this.store = store;
        }

        /**
         * The separation map (replaces an earlier map or {@link #polynomial(double)}).
         *
         * @throws IllegalArgumentException for a per-row α-entmax ({@link Separation#entmaxPerRow})
         */
        public Builder map(Separation map) {
            return retrievalMap(RetrievalMap.of(map));
        }

        /** The map of each step, a separation map or poly-n (replaces an earlier one). */
        public Builder retrievalMap(RetrievalMap map) {
            this.map = Check.notNull(map, "map");
            return this;
        }

        /**
         * The poly-n baseline instead of a separation map: p_μ ∝ max(s_μ, 0)^n, normalised (replaces
         * an earlier {@link #map(Separation)}). β is ignored.
         *
         * @throws IllegalArgumentException unless n is finite and &gt; 0
         */
        public Builder polynomial(double n) {
            return retrievalMap(RetrievalMap.polynomial(n));
        }

        /** The similarity (default {@link Similarity#dot()}). */
        public Builder similarity(Similarity similarity) {
            this.similarity = Check.notNull(similarity, "similarity");
            return this;
        }

        /** Stored patterns per block of scores, ≥ 1 (≥ M: unblocked). Default: automatic, see {@link Retriever#scoreBlockFor(int)}. */
        public Builder scoreBlock(long scoreBlock) {
            this.scoreBlock = Check.positive("scoreBlock", scoreBlock);
            return this;
        }

        /** Test hook: the first weight buffer's capacity in pairs (forces the grow-and-retry path). */
        Builder weightCapacity(long capacity) {
            this.weightCapacity = capacity;
            return this;
        }

        /**
         * The retriever. For a kernel similarity given by W this computes the keys A = Ξ WᵀW (two
         * native matrix products).
         *
         * @throws IllegalStateException if no map was set, or the store is closed
         * @throws IllegalArgumentException if the kernel does not fit the store, or energies are asked
         *     of a similarity or map without one
         */
        public Retriever build() {
            if (map == null) {
                throw new IllegalStateException("no separation map: call map(...) or polynomial(n) before build()");
            }
            if (store.isClosed()) {
                throw new IllegalStateException(MemoryStore.CLOSED);
            }
            if (recordEnergies) {
                if (!map.hasEnergy()) {
                    throw new IllegalArgumentException("energies are not defined for " + map.name()
                            + ": use a separation map (" + String.join(", ", MapKind.labels(true))
                            + ") or recordEnergies(false)");
                }
                if (!similarity.hasEnergy()) {
                    throw new IllegalArgumentException("energies need the dot similarity or a kernel with W, not "
                            + similarity.name() + (similarity.kind() == Similarity.Kind.KERNEL
                            ? " (precomputed keys without W: pass W to Similarity.kernelKeys)" : ""));
                }
            }
            KernelKeys kernel = null;
            if (similarity.kind() == Similarity.Kind.KERNEL) {
                kernel = KernelKeys.of(store, similarity);
            }
            RetrieverSettings settings = new RetrieverSettings(store, map, beta, steps, eps, similarity, scoreBlock,
                    recordWeights, recordEnergies, weightCapacity);
            return new Retriever(settings, new NativeRetrieval(settings, kernel));
        }
    }
}
