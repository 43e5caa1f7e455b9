package org.hopfield4j.spark;

import org.hopfield4j.Precision;

/**
 * The result of {@link ShardedRetriever#retrieve}: B retrieved states (B × d, values of the store's
 * precision held as float64), each query's number of steps and, when recorded, the weights of its last
 * step as (global pattern id, weight) pairs sorted by id: the support for the sparse maps, every pattern
 * for softmax.
 */
public final class ShardedRetrieval {
    private final int B;
    private final int d;
    private final Precision precision;
    private final double[] states;
    private final int[] steps;
    private final long[][] ids;
    private final double[][] weights;

    ShardedRetrieval(int B, int d, Precision precision, double[] states, int[] steps, long[][] ids, double[][] weights) {
        this.B = B;
        this.d = d;
        this.precision = precision;
        this.states = states;
        this.steps = steps;
        this.ids = ids;
        this.weights = weights;
    }

    public int batchSize() {
        return B;
    }

    public int dimension() {
        return d;
    }

    public Precision precision() {
        return precision;
    }

    /** The states, B × d row-major (a copy). */
    public double[] doubleStates() {
        return states.clone();
    }

    /** The states rounded to float32, B × d row-major. */
    public float[] floatStates() {
        float[] f = new float[states.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) states[i];
        return f;
    }

    /** State b (a copy). */
    public double[] state(int b) {
        double[] s = new double[d];
        System.arraycopy(states, b * d, s, 0, d);
        return s;
    }

    /** The steps each query took (a copy). */
    public int[] steps() {
        return steps.clone();
    }

    public boolean hasWeights() {
        return ids != null;
    }

    /** The ids of the patterns with a positive weight in query b's last step, increasing (a copy). */
    public long[] support(int b) {
        checkWeights();
        return ids[b].clone();
    }

    /** Their weights, in the order of {@link #support(int)} (a copy). */
    public double[] weights(int b) {
        checkWeights();
        return weights[b].clone();
    }

    private void checkWeights() {
        if (ids == null) throw new IllegalStateException("weights were not recorded; build the retriever with recordWeights(true)");
    }
}
