package org.hopfield4j;

import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.RetrievalKernels;
import org.hopfield4j.nativelib.HopfieldNative.RetrievalCall;

/**
 * The native side of a {@link Retriever}: owns the native memory of a kernel similarity (the keys
 * A = Ξ WᵀW and W), fills the call struct, pins the store and the keys for the duration of a call,
 * and runs the weight-capacity protocol (a sparse map's support is only known after the last step:
 * when the weight buffers are too small the native side says how large they must be, and the call is
 * repeated once with buffers of that size).
 */
final class NativeRetrieval implements AutoCloseable {
    /** Working memory of one block of scores: B × scoreBlock elements ≈ this many bytes. */
    static final long DEFAULT_SCORE_BLOCK_BYTES = 32L << 20;
    /** The smallest automatic score block. */
    static final int MIN_DEFAULT_SCORE_BLOCK = 256;
    /** Pairs per query of the first weight buffer for the sparse maps (grown on demand). */
    static final int INITIAL_SUPPORT_PER_QUERY = 64;

    private final RetrieverSettings settings;
    private final KernelKeys kernel;  // null unless kernel similarity

    NativeRetrieval(RetrieverSettings settings, KernelKeys kernel) {
        this.settings = settings;
        this.kernel = kernel;
    }

    /** The largest Euclidean norm of what the scores are taken against: the kernel keys, or the patterns. */
    double keyNorm() {
        return kernel != null ? kernel.maxNorm : settings.store().maxNorm();
    }

    /** Stored patterns per score block for B queries: the configured count, else about 32 MiB of scores. */
    long scoreBlockFor(int B) {
        MemoryStore store = settings.store();
        long b = settings.scoreBlock() > 0 ? settings.scoreBlock()
                : Math.max(MIN_DEFAULT_SCORE_BLOCK,
                        DEFAULT_SCORE_BLOCK_BYTES / ((long) Math.max(B, 1) * store.precision().bytes()));
        return Math.min(b, store.size());
    }

    /**
     * Runs B validated queries ({@code queries} is a float[] or double[] of the store's precision)
     * for at most {@code maxSteps} steps.
     */
    Retrieval run(Object queries, int B, int maxSteps, boolean energies, boolean weights) {
        MemoryStore store = settings.store();
        int M = store.size(), d = store.dimension();
        boolean f32 = queries instanceof float[];
        int n = B * d;
        Object out = f32 ? new float[n] : new double[n];
        int[] stepCounts = new int[B];
        double[] energy = energies ? new double[2 * B] : null;
        WeightBuffers w = weights ? new WeightBuffers(B, initialCapacity(B), f32) : null;
        ScorePath path = ScorePath.BLOCKED;
        if (B > 0) {
            Pointer xi = store.acquire();
            try (RetrievalCall call = RetrievalKernels.newCall()) {
                fill(call, B, maxSteps);
                call.memories(xi);
                path = ScorePath.ofNativeCode(RetrievalKernels.path(call, f32, weights));
                withKernel(call, () -> callUntilWeightsFit(call, queries, out, stepCounts, energy, w, B));
            } finally {
                store.release();
            }
        }
        if (maxSteps == 0) System.arraycopy(queries, 0, out, 0, n);
        double[] before = energies ? java.util.Arrays.copyOf(energy, B) : null;
        double[] after = energies ? java.util.Arrays.copyOfRange(energy, B, 2 * B) : null;
        SparseWeights sw = w == null ? null : w.toSparse(B, M);
        return new Retrieval(B, d, f32 ? (float[]) out : null, f32 ? null : (double[]) out, stepCounts, before, after, sw,
                path);
    }

    private void fill(RetrievalCall call, int B, int maxSteps) {
        MemoryStore store = settings.store();
        RetrievalMap map = settings.map();
        call.M(store.size()).d(store.dimension()).D(kernel == null ? 0 : kernel.featureDimension).B(B)
                .similarity(settings.similarity().kind().nativeCode()).map(map.kind().nativeCode())
                .beta(settings.beta()).alpha(map.separation() != null ? map.alpha() : 0)
                .polyN(map.separation() == null ? map.degree() : 0).maxSteps(maxSteps).eps(settings.eps())
                .scoreBlock(scoreBlockFor(B)).storage(store.storagePrecision().nativeCode());
    }

    /** Pins the kernel keys (and W) into the call while {@code body} runs. */
    private void withKernel(RetrievalCall call, Runnable body) {
        if (kernel == null) {
            body.run();
            return;
        }
        call.keys(kernel.keys.acquire(Retriever.CLOSED));
        try {
            if (kernel.w == null) {
                body.run();
                return;
            }
            call.W(kernel.w.acquire(Retriever.CLOSED));
            try {
                body.run();
            } finally {
                kernel.w.release();
            }
        } finally {
            kernel.keys.release();
        }
    }

    private void callUntilWeightsFit(RetrievalCall call, Object q, Object out, int[] steps, double[] energy,
                                     WeightBuffers w, int B) {
        for (int attempt = 0; ; attempt++) {
            call.weightCapacity(w == null ? 0 : w.capacity);
            long needed = q instanceof float[] fq
                    ? RetrievalKernels.retrieve(call, fq, (float[]) out, steps, energy,
                            w == null ? null : w.offsets, w == null ? null : w.indices, w == null ? null : w.floats)
                    : RetrievalKernels.retrieve(call, (double[]) q, (double[]) out, steps, energy,
                            w == null ? null : w.offsets, w == null ? null : w.indices, w == null ? null : w.doubles);
            if (needed == 0) return;
            if (needed == -1) {
                throw new OutOfMemoryError("native retrieval could not allocate its working memory (B = "
                        + B + ", score block = " + call.scoreBlock() + "); use a smaller batch or score block");
            }
            long capacity = w == null ? 0 : w.capacity;
            if (w == null || needed < 0 || needed <= capacity || attempt >= 2) {
                throw new IllegalStateException("internal error: native retrieval returned " + needed
                        + " with a weight capacity of " + capacity);
            }
            if (needed > Check.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("the weights of this batch have " + needed
                        + " entries, more than a Java array holds; retrieve in smaller batches");
            }
            w.grow((int) needed);
        }
    }

    /** Softmax: exactly B × M; sparse maps: B × min(M, 64), grown if the support is larger. */
    private long initialCapacity(int B) {
        long M = settings.store().size();
        long forced = settings.weightCapacity();
        if (settings.map().kind().isDense()) {
            long exact = B * M;
            if (exact > Check.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("softmax weights of B * M = " + B + " * " + M + " = " + exact
                        + " entries exceed the largest Java array; retrieve in smaller batches or do not record weights");
            }
            return forced >= 0 ? Math.min(forced, exact) : exact;
        }
        if (forced >= 0) return forced;
        return Math.min((long) B * Math.min(M, INITIAL_SUPPORT_PER_QUERY), Check.MAX_ARRAY_LENGTH);
    }

    /** The CSR arrays the native side writes the weights into, in the store's precision. */
    private static final class WeightBuffers {
        final long[] offsets;
        int[] indices;
        float[] floats;
        double[] doubles;
        long capacity;

        WeightBuffers(int B, long capacity, boolean f32) {
            this.offsets = new long[B + 1];
            this.floats = f32 ? new float[0] : null;
            this.doubles = f32 ? null : new double[0];
            grow((int) capacity);
        }

        void grow(int capacity) {
            this.capacity = capacity;
            indices = new int[capacity];
            if (floats != null) floats = new float[capacity]; else doubles = new double[capacity];
        }

        SparseWeights toSparse(int B, int M) {
            return floats != null ? SparseWeights.ofFloat(B, M, offsets, indices, floats)
                    : SparseWeights.ofDouble(B, M, offsets, indices, doubles);
        }
    }

    /** Frees the kernel keys (now, or when the last retrieval in flight ends). */
    @Override
    public void close() {
        if (kernel != null) kernel.close();
    }

    /** Whether the native memory this owns is freed; true if it owns none. */
    boolean ownedMemoryFreed() {
        return kernel == null || (kernel.keys.isFreed() && (kernel.w == null || kernel.w.isFreed()));
    }
}
