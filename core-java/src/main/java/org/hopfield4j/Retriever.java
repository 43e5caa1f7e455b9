package org.hopfield4j;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.RetrievalKernels;
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
 * <p><b>Configuration</b> (see {@link Builder}):
 * <ul>
 *   <li>the separation map, required: {@link Builder#map(Separation)} (softmax, sparsemax, 1.5-entmax
 *       or α-entmax; per-row α is not supported), or the baseline {@link Builder#polynomial(double)}
 *       (poly-n: p_μ ∝ max(s_μ, 0)^n normalised, all zeros when no s_μ &gt; 0; β is ignored);
 *   <li>β &gt; 0 (default 1), the inverse temperature inside the map;
 *   <li>the maximum number of steps T ≥ 0 (default 1, the paper's one-step retrieval) and the
 *       tolerance ε ≥ 0 (default 0): each query stops on its own after T steps or as soon as
 *       ‖x_{t+1} − x_t‖ ≤ ε, and {@link Retrieval#steps()} reports how many it took. T = 0 leaves the
 *       queries unchanged (useful with energies);
 *   <li>the similarity (default {@link Similarity#dot()});
 *   <li>the block: scores are computed {@code block} stored patterns at a time, so working memory is
 *       O(B × block) whatever M is. Default: chosen per batch so that B × block elements take about
 *       32 MiB, and at least 256 ({@link #blockFor(int)}). Results do not depend on the block;
 *   <li>whether to record the association weights of each query's last step
 *       ({@link Retrieval#weights()}: CSR, only the support for the sparse maps, all M entries for
 *       softmax; with T = 0 the weights of the queries themselves, Sep(β s(x_0))) and its energies
 *       before and after ({@link Retrieval#energyBefore()}).
 * </ul>
 *
 * <p><b>Energy</b> (spec): E(x) = ½⟨x, x⟩ − (1/β) Ψ*_α(β Ξ x) for the dot similarity, and
 * E_K(x) = ½‖W x‖² − (1/β) Ψ*_α(β K(Ξ, x)) for the kernel, with Ψ*_α the convex conjugate of the
 * Tsallis entropy (log-sum-exp for softmax). It is defined for every map but poly-n, with the dot
 * similarity or a kernel whose W is known; along the iteration it never increases (for the kernel
 * when W has full column rank). {@link #energy(float[], int)} evaluates it without retrieving.
 *
 * <p><b>Errors.</b> The builder rejects bad settings with {@link IllegalArgumentException} (naming
 * the setting and the value) and a missing map with {@link IllegalStateException}; energies with a
 * similarity or map that has none are rejected by {@link Builder#build()}.
 * {@code retrieve} checks before any native code runs: a closed store or retriever
 * ({@link IllegalStateException}), queries of the wrong precision, B &lt; 0, a wrong length, a value
 * that is not finite (with its row and column), or queries (or, when it takes a step, stored
 * patterns) so large that β·s could overflow the working precision ({@link IllegalArgumentException}).
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

    /** Working memory of one block of scores: B × block elements ≈ this many bytes. */
    public static final long DEFAULT_BLOCK_BYTES = 32L << 20;
    /** The smallest automatic block. */
    public static final int MIN_DEFAULT_BLOCK = 256;
    /** Pairs per query of the first weight buffer for the sparse maps (grown on demand). */
    static final int INITIAL_SUPPORT_PER_QUERY = 64;

    private final MemoryStore store;
    private final Separation map;        // null for poly-n
    private final double polyN;          // NaN unless poly-n
    private final int mapCode;
    private final double alpha;
    private final double beta;
    private final int steps;
    private final double eps;
    private final Similarity similarity;
    private final int similarityCode;
    private final long block;            // 0: automatic
    private final boolean recordWeights;
    private final boolean recordEnergies;
    private final long weightCapacity;   // -1: automatic (tests force a small one)
    private final KernelKeys kernel;     // null unless kernel similarity
    private volatile boolean closed;

    private Retriever(Builder b, KernelKeys kernel) {
        this.store = b.store;
        this.map = b.map;
        this.polyN = b.polyN;
        this.mapCode = b.mapCode;
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.steps = b.steps;
        this.eps = b.eps;
        this.similarity = b.similarity;
        this.similarityCode = switch (b.similarity.kind()) {
            case DOT -> RetrievalKernels.SIM_DOT;
            case KERNEL -> RetrievalKernels.SIM_KERNEL;
            case NEGATIVE_L2 -> RetrievalKernels.SIM_NEG_L2;
            case NEGATIVE_MANHATTAN -> RetrievalKernels.SIM_NEG_L1;
        };
        this.block = b.block;
        this.recordWeights = b.recordWeights;
        this.recordEnergies = b.recordEnergies;
        this.weightCapacity = b.weightCapacity;
        this.kernel = kernel;
    }

    /** A builder for retrieval from {@code store}. */
    public static Builder builder(MemoryStore store) {
        return new Builder(Check.notNull(store, "store"));
    }

    // ------------------------------------------------------------------ accessors

    /** The store retrieved from. */
    public MemoryStore store() {
        return store;
    }

    /** The separation map, or null for poly-n. */
    public Separation map() {
        return map;
    }

    /** n of poly-n, or NaN when a separation map is used. */
    public double polynomialDegree() {
        return polyN;
    }

    /** β, the inverse temperature (ignored by poly-n). */
    public double beta() {
        return beta;
    }

    /** T, the maximum number of steps. */
    public int steps() {
        return steps;
    }

    /** ε, the per-query stopping tolerance on ‖x_{t+1} − x_t‖. */
    public double eps() {
        return eps;
    }

    /** The similarity. */
    public Similarity similarity() {
        return similarity;
    }

    /** The configured block, or 0 when it is chosen per batch ({@link #blockFor(int)}). */
    public long block() {
        return block;
    }

    /** Whether retrievals record the association weights. */
    public boolean recordsWeights() {
        return recordWeights;
    }

    /** Whether retrievals record energies. */
    public boolean recordsEnergies() {
        return recordEnergies;
    }

    /** Whether {@link #energy(float[], int)} is available: a map of the entmax family with the dot similarity or a kernel with W. */
    public boolean hasEnergy() {
        return map != null && similarity.hasEnergy();
    }

    /**
     * The block used for a batch of B queries: the configured one, else
     * max({@value #MIN_DEFAULT_BLOCK}, 32 MiB / (B × element size)); never more than M.
     */
    public long blockFor(int B) {
        long b = block > 0 ? block
                : Math.max(MIN_DEFAULT_BLOCK, DEFAULT_BLOCK_BYTES / ((long) Math.max(B, 1) * store.precision().bytes()));
        return Math.min(b, store.size());
    }

    // ------------------------------------------------------------------ retrieval

    /**
     * Retrieves from a float32 store: {@code queries} holds B queries of dimension d, row-major.
     *
     * @throws IllegalArgumentException if the store is float64, B &lt; 0, the length is not B · d,
     *     a value is not finite, or a query (or, when a step is taken, a stored pattern) is so large that
     *     β·s could overflow float32
     * @throws IllegalStateException if the retriever or its store is closed
     * @throws OutOfMemoryError if the native side cannot allocate its working memory (O(B × block))
     */
    public Retrieval retrieve(float[] queries, int B) {
        int n = checkQueries(queries, B, Precision.FLOAT32, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        RowNorms.eachRow(queries, B, store.dimension(), (b, l2, l1) -> checkScale(b, l2, l1, steps > 0));
        if (steps > 0) checkAccumulation();
        return run(queries, null, B, n, steps, recordEnergies, recordWeights);
    }

    /** As {@link #retrieve(float[], int)}, for a float64 store. */
    public Retrieval retrieve(double[] queries, int B) {
        int n = checkQueries(queries, B, Precision.FLOAT64, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        RowNorms.eachRow(queries, B, store.dimension(), (b, l2, l1) -> checkScale(b, l2, l1, steps > 0));
        if (steps > 0) checkAccumulation();
        return run(null, queries, B, n, steps, recordEnergies, recordWeights);
    }

    /**
     * The energy E(x) (or E_K(x)) of each of B float32 queries, without retrieving.
     *
     * @throws IllegalStateException if this retriever has no energy ({@link #hasEnergy()}), or is closed
     * @throws IllegalArgumentException as {@link #retrieve(float[], int)}
     */
    public double[] energy(float[] queries, int B) {
        checkEnergy();
        int n = checkQueries(queries, B, Precision.FLOAT32, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        RowNorms.eachRow(queries, B, store.dimension(), (b, l2, l1) -> checkScale(b, l2, l1, false));
        return run(queries, null, B, n, 0, true, false).energyBefore();
    }

    /** As {@link #energy(float[], int)}, for a float64 store. */
    public double[] energy(double[] queries, int B) {
        checkEnergy();
        int n = checkQueries(queries, B, Precision.FLOAT64, queries == null ? 0 : queries.length);
        Check.finiteMatrix("queries", queries, store.dimension());
        RowNorms.eachRow(queries, B, store.dimension(), (b, l2, l1) -> checkScale(b, l2, l1, false));
        return run(null, queries, B, n, 0, true, false).energyBefore();
    }

    private void checkEnergy() {
        if (!hasEnergy()) {
            throw new IllegalStateException("no energy for this retriever: energies need a map of the entmax "
                    + "family (not poly-n) and the dot similarity or a kernel with W; it uses "
                    + mapName() + " with " + similarity.name());
        }
    }

    private int checkQueries(Object queries, int B, Precision precision, int length) {
        if (closed) throw new IllegalStateException(CLOSED);
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
        return n;
    }

    /**
     * Rejects queries whose scores could overflow the working precision: |s| is bounded with the
     * largest norms of the stored patterns (or keys) and of each query, and max(β, 1)·bound (squared
     * for the L2 distance, which squares inside; the kernels hold s as well as β·s) must stay far
     * below the largest finite value. After a step the state is a convex combination of the stored
     * patterns (or 0 for poly-n), so when the retrieval {@code iterates} the later scores are bounded
     * with the largest pattern norm too.
     */
    private void checkScale(int b, double l2, double l1, boolean iterates) {
        double limit = store.precision().overflowLimit();
        double scale = map == null ? 1 : Math.max(beta, 1);
        double keyNorm = kernel != null ? kernel.maxNorm : store.maxNorm();
        if (iterates) {
            l2 = Math.max(l2, store.maxNorm());
            l1 = Math.max(l1, store.maxL1Norm());
        }
        double bound = switch (similarity.kind()) {
            case DOT, KERNEL -> scale * keyNorm * l2;
            case NEGATIVE_L2 -> scale * (store.maxNorm() + l2) * (store.maxNorm() + l2);
            case NEGATIVE_MANHATTAN -> scale * (store.maxL1Norm() + l1);
        };
        if (!(bound <= limit)) {
            throw new IllegalArgumentException("queries row " + b + " is too large: max(beta, 1) * |similarity| could reach "
                    + bound + (iterates ? " (the query or, after a step, a stored pattern)" : "")
                    + ", beyond what " + store.precision() + " scores can hold (limit " + limit
                    + "); scale the queries or the patterns down");
        }
    }

    /**
     * A step accumulates the patterns with unnormalised weights in [0, 1] (softmax: exp(s - max))
     * before dividing by their sum, so the running sum can reach M * max|xi| even though the state
     * itself is a convex combination (found by RetrieverFuzzTest: float32 patterns near 3.4e38). A
     * property of the store, checked once per call rather than per query row.
     */
    private void checkAccumulation() {
        double limit = store.precision().overflowLimit();
        double accumulated = (double) store.size() * store.maxNorm();
        if (!(accumulated <= limit)) {
            throw new IllegalArgumentException("the memory store's patterns are too large to retrieve in "
                    + store.precision() + ": a step sums up to M * max|pattern| = " + store.size() + " * "
                    + store.maxNorm() + " = " + accumulated + " (limit " + limit + "); scale the patterns down");
        }
    }

    private Retrieval run(float[] fq, double[] dq, int B, int n, int maxSteps, boolean energies, boolean weights) {
        int M = store.size(), d = store.dimension();
        boolean f32 = fq != null;
        double[] eBefore = energies ? new double[B] : null;
        double[] eAfter = energies && maxSteps > 0 ? new double[B] : null;
        int[] stepCounts = new int[B];
        long[] offsets = weights ? new long[B + 1] : null;
        long capacity = weights ? initialCapacity(B) : 0;
        int[] indices = weights ? new int[(int) capacity] : null;
        float[] fv = weights && f32 ? new float[(int) capacity] : null;
        double[] dv = weights && !f32 ? new double[(int) capacity] : null;
        float[] fout = f32 ? new float[n] : null;
        double[] dout = f32 ? null : new double[n];
        if (B > 0) {
            long blk = blockFor(B);
            Pointer xi = store.acquire();
            try {
                Pointer keys = null, w = null;
                if (kernel != null) {
                    keys = kernel.keys.acquire(CLOSED);
                    if (kernel.w != null) {
                        try {
                            w = kernel.w.acquire(CLOSED);
                        } catch (IllegalStateException e) {
                            kernel.keys.release();
                            throw e;
                        }
                    }
                }
                try {
                    for (int attempt = 0; ; attempt++) {
                        long needed = f32
                                ? RetrievalKernels.retrieve((FloatPointer) xi, M, d, (FloatPointer) keys, (FloatPointer) w,
                                        featureDimension(), fq, B, fout, similarityCode, mapCode, beta, alpha, polyN(),
                                        maxSteps, eps, blk, stepCounts, eBefore, eAfter, offsets, indices, fv, capacity)
                                : RetrievalKernels.retrieve((DoublePointer) xi, M, d, (DoublePointer) keys, (DoublePointer) w,
                                        featureDimension(), dq, B, dout, similarityCode, mapCode, beta, alpha, polyN(),
                                        maxSteps, eps, blk, stepCounts, eBefore, eAfter, offsets, indices, dv, capacity);
                        if (needed == 0) break;
                        if (needed == -1) {
                            throw new OutOfMemoryError("native retrieval could not allocate its working memory (B = "
                                    + B + ", block = " + blk + "); use a smaller batch or block");
                        }
                        if (needed < 0 || needed <= capacity || attempt >= 2) {
                            throw new IllegalStateException("internal error: native retrieval returned " + needed
                                    + " with a weight capacity of " + capacity);
                        }
                        if (needed > Check.MAX_ARRAY_LENGTH) {
                            throw new IllegalArgumentException("the weights of this batch have " + needed
                                    + " entries, more than a Java array holds; retrieve in smaller batches");
                        }
                        capacity = needed;
                        indices = new int[(int) capacity];
                        if (f32) fv = new float[(int) capacity]; else dv = new double[(int) capacity];
                    }
                } finally {
                    if (w != null) kernel.w.release();
                    if (keys != null) kernel.keys.release();
                }
            } finally {
                store.release();
            }
        }
        if (maxSteps == 0) {
            if (f32) System.arraycopy(fq, 0, fout, 0, n); else System.arraycopy(dq, 0, dout, 0, n);
        }
        if (energies && maxSteps == 0) eAfter = eBefore.clone();
        SparseWeights sw = !weights ? null : f32 ? SparseWeights.ofFloat(B, M, offsets, indices, fv)
                : SparseWeights.ofDouble(B, M, offsets, indices, dv);
        return new Retrieval(B, d, fout, dout, stepCounts, eBefore, eAfter, sw);
    }

    /** Softmax: exactly B × M; sparse maps: B × min(M, 64), grown if the support is larger. */
    private long initialCapacity(int B) {
        long M = store.size();
        if (mapCode == RetrievalKernels.MAP_SOFTMAX) {
            long exact = B * M;
            if (exact > Check.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("softmax weights of B * M = " + B + " * " + M + " = " + exact
                        + " entries exceed the largest Java array; retrieve in smaller batches or do not record weights");
            }
            return weightCapacity >= 0 ? Math.min(weightCapacity, exact) : exact;
        }
        if (weightCapacity >= 0) return weightCapacity;
        return Math.min((long) B * Math.min(M, INITIAL_SUPPORT_PER_QUERY), Check.MAX_ARRAY_LENGTH);
    }

    private long featureDimension() {
        return kernel == null ? 0 : kernel.featureDimension;
    }

    private double polyN() {
        return map == null ? polyN : 0;
    }

    private String mapName() {
        return map != null ? map.name() : "poly-" + polyN;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Frees the native memory this retriever owns (kernel keys), now or when the last retrieval in flight ends. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (kernel != null) kernel.close();
    }

    /** Whether the native memory this retriever owns (kernel keys) is freed; true if it owns none. For tests. */
    boolean ownedMemoryFreed() {
        return kernel == null || (kernel.keys.isFreed() && (kernel.w == null || kernel.w.isFreed()));
    }

    @Override
    public String toString() {
        return "Retriever[" + mapName() + ", beta=" + beta + ", steps=" + steps + ", eps=" + eps + ", "
                + similarity.name() + ", block=" + (block > 0 ? String.valueOf(block) : "auto")
                + (recordWeights ? ", weights" : "") + (recordEnergies ? ", energies" : "") + ", " + store + "]";
    }

    // ------------------------------------------------------------------ builder

    /**
     * Configures a {@link Retriever}. Every setter checks its argument at once; {@link #build()}
     * checks the combination. Not thread-safe; may build any number of retrievers.
     */
    public static final class Builder {
        private final MemoryStore store;
        private Separation map;
        private double polyN = Double.NaN;
        private int mapCode = -1;
        private double alpha;
        private double beta = 1.0;
        private int steps = 1;
        private double eps = 0.0;
        private Similarity similarity = Similarity.dot();
        private long block;
        private boolean recordWeights;
        private boolean recordEnergies;
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
            Check.notNull(map, "map");
            if (map.equals(Separation.softmax())) {
                set(RetrievalKernels.MAP_SOFTMAX, 1.0);
            } else if (map.equals(Separation.sparsemax())) {
                set(RetrievalKernels.MAP_SPARSEMAX, 2.0);
            } else if (map.equals(Separation.entmax15())) {
                set(RetrievalKernels.MAP_ENTMAX15, 1.5);
            } else if (Double.isNaN(map.alpha())) {
                throw new IllegalArgumentException("map " + map.name()
                        + " has one alpha per row, which retrieval does not support: use Separation.entmax(alpha)");
            } else {
                set(RetrievalKernels.MAP_ENTMAX, map.alpha());
            }
            this.map = map;
            this.polyN = Double.NaN;
            return this;
        }

        private void set(int code, double a) {
            this.mapCode = code;
            this.alpha = a;
        }

        /**
         * The poly-n baseline instead of a separation map: p_μ ∝ max(s_μ, 0)^n, normalised (replaces
         * an earlier {@link #map(Separation)}). β is ignored.
         *
         * @throws IllegalArgumentException unless n is finite and &gt; 0
         */
        public Builder polynomial(double n) {
            Check.positiveFinite("polynomial degree n", n);
            this.map = null;
            this.polyN = n;
            set(RetrievalKernels.MAP_POLY, 0);
            return this;
        }

        /** β, finite and &gt; 0 (default 1). */
        public Builder beta(double beta) {
            this.beta = Check.beta(beta);
            return this;
        }

        /** T, the maximum number of steps, ≥ 0 (default 1). */
        public Builder steps(int steps) {
            this.steps = Check.nonNegative("steps", steps);
            return this;
        }

        /** ε, the per-query tolerance on ‖x_{t+1} − x_t‖, finite and ≥ 0 (default 0). */
        public Builder eps(double eps) {
            this.eps = Check.tolerance("eps", eps);
            return this;
        }

        /** The similarity (default {@link Similarity#dot()}). */
        public Builder similarity(Similarity similarity) {
            this.similarity = Check.notNull(similarity, "similarity");
            return this;
        }

        /** Stored patterns per block of scores, ≥ 1 (≥ M: unblocked). Default: automatic, see {@link Retriever#blockFor(int)}. */
        public Builder block(long block) {
            if (block < 1) {
                throw new IllegalArgumentException("block must be >= 1, got " + block);
            }
            this.block = block;
            return this;
        }

        /** Whether to record the association weights of each query's last step (default false). */
        public Builder recordWeights(boolean record) {
            this.recordWeights = record;
            return this;
        }

        /** Whether to record the energy of each query before and after (default false). */
        public Builder recordEnergies(boolean record) {
            this.recordEnergies = record;
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
            if (mapCode < 0) {
                throw new IllegalStateException("no separation map: call map(...) or polynomial(n) before build()");
            }
            if (store.isClosed()) {
                throw new IllegalStateException(MemoryStore.CLOSED);
            }
            if (recordEnergies) {
                if (map == null) {
                    throw new IllegalArgumentException("energies are not defined for poly-" + polyN
                            + ": use a separation map (softmax, sparsemax, entmax) or recordEnergies(false)");
                }
                if (!similarity.hasEnergy()) {
                    throw new IllegalArgumentException("energies need the dot similarity or a kernel with W, not "
                            + similarity.name() + (similarity.kind() == Similarity.Kind.KERNEL
                            ? " (precomputed keys without W: pass W to Similarity.kernelKeys)" : ""));
                }
            }
            KernelKeys kernel = null;
            if (similarity.kind() == Similarity.Kind.KERNEL) {
                checkKernelShape();
                kernel = KernelKeys.of(store, similarity);
            }
            return new Retriever(this, kernel);
        }

        private void checkKernelShape() {
            int d = store.dimension();
            if (similarity.inputDimension() != d) {
                throw new IllegalArgumentException("kernel " + (similarity.featureMapShared() != null ? "W" : "A")
                        + " has " + similarity.inputDimension() + " columns but the memory store has dimension d = " + d);
            }
            if (similarity.hasPrecomputedKeys() && similarity.keyCount() != store.size()) {
                throw new IllegalArgumentException("kernel keys A have " + similarity.keyCount()
                        + " rows but the memory store has M = " + store.size() + " patterns");
            }
        }
    }
}
