package org.hopfield4j;

/**
 * How the native engine computed the similarity scores of a retrieval (the first step of the batch;
 * {@link Retrieval#scorePath()}). The engine picks the path by shape, map, similarity, precision and CPU
 * from measurements (docs/benchmarks.md#registers); every path gives the same results up to float
 * rounding, so this is for benchmarks and performance diagnosis, never needed for correctness.
 */
public enum ScorePath {
    /**
     * One multithreaded matrix product of the whole batch against a block of stored patterns at a time,
     * written to memory and then consumed (large d, few queries, recorded softmax weights, the
     * Manhattan similarity).
     */
    BLOCKED(1),
    /**
     * Each thread computes the scores of its queries against a cache-sized tile of patterns and consumes
     * them while they are in cache; the B × M scores never reach memory.
     */
    FUSED(2),
    /**
     * The fused path with the scores computed in AVX-512 registers (float32 stores, dot and kernel
     * similarity, CPUs with AVX-512F): the sparse maps' candidate pass tests them there, so almost no
     * score is ever stored; softmax's flash pass takes the exponentials and the weighted sum of the
     * patterns there too (docs/benchmarks.md#flash).
     */
    REGISTERS(3);

    private final int nativeCode;

    ScorePath(int nativeCode) {
        this.nativeCode = nativeCode;
    }

    /** The lower-case name ({@code blocked}, {@code fused}, {@code registers}), as benchmarks print it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The path of a native {@code RetrievalPath} code ({@code hopfield4j_retrieval.h}). */
    static ScorePath ofNativeCode(int code) {
        for (ScorePath p : values()) {
            if (p.nativeCode == code) return p;
        }
        throw new IllegalStateException("internal error: unknown native score path " + code);
    }
}
