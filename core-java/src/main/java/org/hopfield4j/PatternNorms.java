package org.hopfield4j;

import org.hopfield4j.internal.RowNorms;

/**
 * The largest Euclidean and Manhattan norms of a store's patterns: what the score bounds
 * ({@code ScoreBounds}) check queries and steps against.
 *
 * @param maxL2 the largest Euclidean norm of a pattern
 * @param maxL1 the largest Manhattan norm of a pattern
 */
record PatternNorms(double maxL2, double maxL1) {
    static PatternNorms of(RowNorms n) {
        return new PatternNorms(n.maxL2(), n.maxL1());
    }

    /** The norms of these patterns and those measured by {@code more}. */
    PatternNorms with(RowNorms more) {
        return new PatternNorms(Math.max(maxL2, more.maxL2()), Math.max(maxL1, more.maxL1()));
    }
}
