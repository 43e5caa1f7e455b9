package org.hopfield4j;

import java.util.Objects;

/**
 * The result of {@link Retriever#retrieve(float[], int)}: for each of the B queries of a batch the
 * retrieved state x_T, the number of steps it took, and, when the retriever records them, its
 * energy before and after and the association weights of its last step.
 *
 * <p>States have the precision of the store: {@link #floatStates()} for float32,
 * {@link #doubleStates()} for float64 ({@link #state(int)} works for both). Immutable: every array
 * accessor returns a copy.
 */
public final class Retrieval {
    private final int batchSize;
    private final int dimension;
    private final float[] floatStates;    // exactly one non-null
    private final double[] doubleStates;
    private final int[] steps;
    private final double[] energyBefore;  // null unless recorded
    private final double[] energyAfter;
    private final SparseWeights weights;  // null unless recorded
    private final ScorePath scorePath;

    Retrieval(int batchSize, int dimension, float[] floatStates, double[] doubleStates, int[] steps,
              double[] energyBefore, double[] energyAfter, SparseWeights weights, ScorePath scorePath) {
        this.batchSize = batchSize;
        this.dimension = dimension;
        this.floatStates = floatStates;
        this.doubleStates = doubleStates;
        this.steps = steps;
        this.energyBefore = energyBefore;
        this.energyAfter = energyAfter;
        this.weights = weights;
        this.scorePath = scorePath;
    }

    /** B, the number of queries. */
    public int batchSize() {
        return batchSize;
    }

    /** d, the dimension of a state. */
    public int dimension() {
        return dimension;
    }

    /** The precision of the states (that of the store). */
    public Precision precision() {
        return floatStates != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /**
     * A copy of the retrieved states of a float32 retrieval, B × d row-major.
     *
     * @throws IllegalStateException if the retrieval is float64 (use {@link #doubleStates()})
     */
    public float[] floatStates() {
        if (floatStates == null) {
            throw new IllegalStateException("states are float64, not float32; use doubleStates()");
        }
        return floatStates.clone();
    }

    /**
     * A copy of the retrieved states of a float64 retrieval, B × d row-major.
     *
     * @throws IllegalStateException if the retrieval is float32 (use {@link #floatStates()})
     */
    public double[] doubleStates() {
        if (doubleStates == null) {
            throw new IllegalStateException("states are float32, not float64; use floatStates()");
        }
        return doubleStates.clone();
    }

    /** The retrieved state of query {@code b} as doubles (exact for both precisions). */
    public double[] state(int b) {
        Objects.checkIndex(b, batchSize);
        double[] out = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            int k = b * dimension + i;
            out[i] = floatStates != null ? floatStates[k] : doubleStates[k];
        }
        return out;
    }

    /** A copy of the number of steps each query took (between 1 and the retriever's maximum; 0 if that is 0). */
    public int[] steps() {
        return steps.clone();
    }

    /** The number of steps query {@code b} took. */
    public int steps(int b) {
        Objects.checkIndex(b, batchSize);
        return steps[b];
    }

    /** Whether energies were recorded. */
    public boolean hasEnergies() {
        return energyBefore != null;
    }

    /** A copy of E(x_0) of each query, or null if the retriever does not record energies. */
    public double[] energyBefore() {
        return energyBefore == null ? null : energyBefore.clone();
    }

    /** A copy of E(x_T) of each query, or null if the retriever does not record energies. */
    public double[] energyAfter() {
        return energyAfter == null ? null : energyAfter.clone();
    }

    /** The weights of the last step of each query, or null if the retriever does not record them. */
    public SparseWeights weights() {
        return weights;
    }

    /**
     * How the native engine computed the scores of the first step of this batch (later steps run only
     * the queries that have not converged and may take another path). {@link ScorePath#BLOCKED} for an
     * empty batch or a store with no patterns. Diagnostic only: every path gives the same results up
     * to float rounding.
     */
    public ScorePath scorePath() {
        return scorePath;
    }

    @Override
    public String toString() {
        return "Retrieval[B=" + batchSize + ", d=" + dimension + ", " + precision()
                + (energyBefore != null ? ", energies" : "") + (weights != null ? ", weights" : "") + "]";
    }
}
