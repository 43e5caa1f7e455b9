package org.hopfield4j.cli;

import org.hopfield4j.Retrieval;
import org.hopfield4j.SparseWeights;

/** What {@code retrieve}'s summary line counts, accumulated batch by batch: steps, and weights > 0 when recorded. */
final class RetrievalSummary {
    private long steps;
    private long positiveWeights;
    private boolean weighted = true;

    void add(Retrieval r) {
        for (int s : r.steps()) steps += s;
        SparseWeights p = r.weights();
        if (p == null) {
            weighted = false;
            return;
        }
        for (double v : p.values()) if (v > 0) positiveWeights++;
    }

    /** The steps taken by every query. */
    long steps() {
        return steps;
    }

    /** Weights > 0 over every query. */
    long positiveWeights() {
        return positiveWeights;
    }

    /** Whether every batch recorded its weights (false: the support is not known). */
    boolean weighted() {
        return weighted;
    }
}
