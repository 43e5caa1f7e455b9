package org.hopfield4j;

/**
 * The overflow bounds a retrieval is checked against before any native call: the scores β·s of a
 * query, and the running sum of a step. Both are compared with {@link Precision#overflowLimit()}.
 */
final class ScoreBounds {
    private ScoreBounds() {}

    /**
     * Rejects a query whose scores could overflow the working precision: |s| is bounded
     * ({@link Similarity.Kind#scoreBound}) with the largest norms of the stored patterns (or keys,
     * {@code keyNorm}) and of the query, and max(β, 1)·bound must stay far below the largest finite
     * value (the kernels hold s as well as β·s). After a step the state is a convex combination of the
     * stored patterns (or 0 for poly-n), so when the retrieval {@code iterates} the later scores are
     * bounded with the largest pattern norm too.
     */
    static void checkQuery(RetrieverSettings s, double keyNorm, int row, double l2, double l1, boolean iterates) {
        MemoryStore store = s.store();
        double limit = store.precision().overflowLimit();
        double scale = s.map().separation() == null ? 1 : Math.max(s.beta(), 1);
        if (iterates) {
            l2 = Math.max(l2, store.maxNorm());
            l1 = Math.max(l1, store.maxL1Norm());
        }
        double bound = scale * s.similarity().kind().scoreBound(keyNorm, store.maxNorm(), store.maxL1Norm(), l2, l1);
        if (!(bound <= limit)) {
            throw new IllegalArgumentException("queries row " + row + " is too large: max(beta, 1) * |similarity| could reach "
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
    static void checkAccumulation(MemoryStore store) {
        double limit = store.precision().overflowLimit();
        double accumulated = (double) store.size() * store.maxNorm();
        if (!(accumulated <= limit)) {
            throw new IllegalArgumentException("the memory store's patterns are too large to retrieve in "
                    + store.precision() + ": a step sums up to M * max|pattern| = " + store.size() + " * "
                    + store.maxNorm() + " = " + accumulated + " (limit " + limit + "); scale the patterns down");
        }
    }
}
