package org.hopfield4j;

import org.hopfield4j.internal.Check;

/**
 * The retrieval settings that {@link Retriever.Builder} and {@link UHop.Builder} share (UHop passes
 * them on to its stage II retriever): β, the maximum number of steps T, the tolerance ε, and what to
 * record. One home for their defaults and rules; each setter checks its value at once and returns the
 * builder {@code B} that extends this class, so calls chain.
 *
 * @param <B> the builder that extends this class
 */
public abstract class RetrievalOptions<B extends RetrievalOptions<B>> {
    // read by the extending builders' build()
    double beta = 1.0;
    int steps = 1;
    double eps = 0.0;
    boolean recordWeights;
    boolean recordEnergies;

    RetrievalOptions() {} // only the builders of this package extend it

    /** β, finite and &gt; 0 (default 1; ignored by poly-n). */
    public B beta(double beta) {
        this.beta = Check.beta(beta);
        return self();
    }

    /**
     * T, the maximum number of steps, ≥ 0 (default 1, the paper's one-step retrieval): each query
     * stops after T steps or as soon as ‖x_{t+1} − x_t‖ ≤ ε ({@link Retrieval#steps()} says how
     * many it took). T = 0 leaves the queries unchanged (useful with energies).
     */
    public B steps(int steps) {
        this.steps = Check.nonNegative("steps", steps);
        return self();
    }

    /** ε, the per-query tolerance on ‖x_{t+1} − x_t‖, finite and ≥ 0 (default 0). */
    public B eps(double eps) {
        this.eps = Check.tolerance("eps", eps);
        return self();
    }

    /**
     * Whether to record the association weights of each query's last step (default false); with
     * T = 0 the weights of the queries themselves, Sep(β s(x_0)).
     */
    public B recordWeights(boolean record) {
        this.recordWeights = record;
        return self();
    }

    /** Whether to record the energy of each query before and after (default false). */
    public B recordEnergies(boolean record) {
        this.recordEnergies = record;
        return self();
    }

    @SuppressWarnings("unchecked") // B is, by the class's contract, the builder that extends this class
    private B self() {
        return (B) this;
    }
}
