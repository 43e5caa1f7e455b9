package org.hopfield4j.nn;

import java.util.Arrays;
import org.hopfield4j.internal.Check;

/**
 * One trainable array of a layer, float64: its values and the gradient buffer the backward pass adds
 * to, both row-major {@code rows × cols} and exposed as the arrays themselves, so that any training
 * loop (this package's {@link AdamW}, or the caller's own) can read and update them in place.
 *
 * <p>{@code decays} says whether decoupled weight decay applies (weights: yes; biases, LayerNorm gains,
 * β and α: no, as is usual).
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final boolean decays;
    private final double[] values;
    private final double[] gradient;

    /** A zero parameter of shape {@code rows × cols}. */
    public Parameter(String name, int rows, int cols, boolean decays) {
        this.name = Check.notNull(name, "name");
        Check.matrixSize(name + " rows", rows, 1, name + " cols", cols);
        this.rows = rows;
        this.cols = cols;
        this.decays = decays;
        this.values = new double[rows * cols];
        this.gradient = new double[rows * cols];
    }

    private Parameter(String name, Parameter shared) {
        this.name = name;
        this.rows = shared.rows;
        this.cols = shared.cols;
        this.decays = shared.decays;
        this.values = shared.values;
        this.gradient = shared.gradient;
    }

    /**
     * The same parameter (the same value and gradient arrays) under the name {@code prefix.name}: how a
     * layer made of parts names its parts' parameters uniquely ({@code norm_state.gain}).
     */
    Parameter prefixed(String prefix) {
        return new Parameter(prefix + "." + name, this);
    }

    /** The name within its layer ("weight", "bias", "queries", …). */
    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return values.length;
    }

    public boolean decays() {
        return decays;
    }

    /** The values, row-major (the array itself: writes change the parameter). */
    public double[] values() {
        return values;
    }

    /** The gradient accumulated since the last {@link #zeroGradient()} (the array itself). */
    public double[] gradient() {
        return gradient;
    }

    public void zeroGradient() {
        Arrays.fill(gradient, 0.0);
    }

    /** Sets every value to {@code value}. */
    public Parameter fill(double value) {
        Arrays.fill(values, value);
        return this;
    }

    @Override
    public String toString() {
        return "Parameter[" + name + ", " + rows + " x " + cols + "]";
    }
}
