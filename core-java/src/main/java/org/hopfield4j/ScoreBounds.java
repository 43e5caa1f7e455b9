package org.hopfield4j;

/**
 * The overflow bounds a retrieval is checked against before any native call: the scores β·s of a
 * query, the running sum of a step, and the energy's terms. All are compared with
 * {@link Precision#overflowLimit()}. Each message starts with what is to blame — {@code beta}, the
 * memory store's patterns, the kernel's W, or a queries row — so a caller can name its own argument.
 */
final class ScoreBounds {
    private ScoreBounds() {}

    /**
     * Rejects a query whose scores could overflow the working precision: |s| is bounded
     * ({@link Similarity.Kind#scoreBound}) with the largest norms of the stored patterns (or keys,
     * {@code keyNorm}) and of the query, and max(β, 1)·bound must stay far below the largest finite
     * value (the kernels hold s as well as β·s). After a step the state is a convex combination of the
     * stored patterns (or 0 for poly-n), so when the retrieval {@code iterates} the later scores are
     * bounded with the largest pattern norm too. The message blames β when the scores fit without it,
     * the patterns when two of them alone overflow after a step, else the query row.
     */
    static void checkQuery(RetrieverSettings s, double keyNorm, int row, double l2, double l1, boolean iterates) {
        MemoryStore store = s.store();
        double limit = store.precision().overflowLimit();
        double scale = s.map().separation() == null ? 1 : Math.max(s.beta(), 1);
        Similarity.Kind kind = s.similarity().kind();
        double queryL2 = iterates ? Math.max(l2, store.maxNorm()) : l2;
        double queryL1 = iterates ? Math.max(l1, store.maxL1Norm()) : l1;
        double raw = kind.scoreBound(keyNorm, store.maxNorm(), store.maxL1Norm(), queryL2, queryL1);
        if (scale * raw <= limit) {
            return;
        }
        String beyond = ", beyond what " + store.precision() + " scores can hold (limit " + limit + ")";
        if (raw <= limit) {
            throw new IllegalArgumentException("beta " + s.beta() + " is too large for these patterns and queries: beta * "
                    + "|similarity| could reach " + scale * raw + " (queries row " + row + ")" + beyond
                    + "; lower beta or scale the data down");
        }
        double patternsAlone = kind.scoreBound(keyNorm, store.maxNorm(), store.maxL1Norm(), store.maxNorm(), store.maxL1Norm());
        if (iterates && !(patternsAlone <= limit)) {
            throw new IllegalArgumentException("the memory store's patterns are too large: after a step the state is a "
                    + "combination of them and |similarity| could reach " + patternsAlone + " (largest pattern norm "
                    + store.maxNorm() + ")" + beyond + "; scale the patterns down");
        }
        throw new IllegalArgumentException("queries row " + row + " is too large: |similarity| could reach " + raw
                + " (query norm " + l2 + ", largest " + (s.similarity().kind() == Similarity.Kind.KERNEL ? "key" : "pattern")
                + " norm " + keyNorm + ")" + beyond + "; scale the queries or the patterns down");
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

    /**
     * The energy's −(1/β)·Ψ*(β s) is max s plus a term of up to C/β (docs/math.md#energy): C = log M for
     * softmax, 1/(α(α−1)) for the Tsallis maps, 1 for normmax. A β so small that C/β overflows (any
     * subnormal β) would give energies of −∞, and β·s below the normal range loses its digits, so
     * energies need a normal β with C/β finite. Checked once per call.
     */
    static void checkEnergyScale(RetrieverSettings s) {
        double beta = s.beta();
        RetrievalMap map = s.map();
        double c = switch (map.kind()) {
            case SOFTMAX -> Math.log(Math.max(s.store().size(), 1));
            case NORMMAX -> 1;
            default -> 1 / (map.alpha() * (map.alpha() - 1));
        };
        double limit = Precision.FLOAT64.overflowLimit();
        if (beta < Double.MIN_NORMAL || !(c / beta <= limit)) {
            throw new IllegalArgumentException("beta " + beta + " is too small for energies: the energy's (1/beta) * Psi* "
                    + "term reaches " + c + " / beta = " + c / beta + " (limit " + limit + ", and beta must be at least "
                    + Double.MIN_NORMAL + "); use a larger beta or do not record energies");
        }
    }

    /** ‖W‖_F, which bounds |W x| / |x|: the kernel energy's quadratic term ½|W x|² is formed from W x in the store's precision. */
    static double featureNorm(Similarity similarity) {
        double[] w = similarity.featureMapShared();
        if (w == null) return 0;
        double sum = 0;
        double max = 0;
        for (double v : w) max = Math.max(max, Math.abs(v));
        if (max == 0) return 0;
        for (double v : w) sum += (v / max) * (v / max);   // scaled: the squares of large entries overflow
        return max * Math.sqrt(sum);
    }

    /**
     * The kernel energy holds W x in the store's precision, so |W x| ≤ ‖W‖_F |x| must fit (found by
     * issue #18: float32 queries near 1e19 with W ≈ 1e20 gave E = +∞). After a step x is a
     * combination of the patterns, bounded by their largest norm.
     */
    static void checkFeatures(RetrieverSettings s, double featureNorm, int row, double l2, boolean iterates) {
        MemoryStore store = s.store();
        double limit = store.precision().overflowLimit();
        if (featureNorm * Math.max(l2, iterates ? store.maxNorm() : 0) <= limit) {
            return;
        }
        String beyond = ", beyond what " + store.precision() + " can hold (limit " + limit + ")";
        if (iterates && !(featureNorm * store.maxNorm() <= limit)) {
            throw new IllegalArgumentException("the kernel's W is too large for these patterns: the energy's |W x| for a "
                    + "stored pattern could reach " + featureNorm * store.maxNorm() + " (|W|_F " + featureNorm + ")" + beyond
                    + "; scale W or the patterns down");
        }
        throw new IllegalArgumentException("queries row " + row + " is too large for the kernel energy: |W x| could reach "
                + featureNorm * l2 + " (query norm " + l2 + ", |W|_F " + featureNorm + ")" + beyond
                + "; scale the queries down");
    }
}
