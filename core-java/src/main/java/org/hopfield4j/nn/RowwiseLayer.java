package org.hopfield4j.nn;

import org.hopfield4j.internal.Check;

/**
 * A layer that maps every row of a batch on its own (linear, activations, LayerNorm, dropout). It
 * keeps padding rows at zero in both directions, so padding never reaches a parameter gradient.
 */
abstract class RowwiseLayer implements Layer {
    private Batch input;

    /** The output rows ({@code rows × outWidth()}) for the input rows. */
    abstract double[] forwardRows(double[] x, int rows, boolean training);

    /** The gradient with respect to the input rows (dy is only read); adds the parameter gradients. */
    abstract double[] backwardRows(double[] dy, double[] x, int rows);

    /** The width of an input row this layer accepts, or -1 (the default) for any. */
    int inWidth() {
        return -1;
    }

    /** The width of an output row for an input row of {@code in} values (the default: the same). */
    int outWidth(int in) {
        return in;
    }

    @Override
    public final Batch forward(Batch in, boolean training) {
        Check.notNull(in, "input");
        if (inWidth() >= 0 && in.width() != inWidth()) {
            throw new IllegalArgumentException(kind() + " expects rows of " + inWidth() + " values, got " + in.width());
        }
        input = in;
        double[] y = forwardRows(in.values(), in.rows(), training);
        in.clearPadding(y, outWidth(in.width()));
        return in.with(y, outWidth(in.width()));
    }

    @Override
    public final Batch backward(Batch gradOutput) {
        if (input == null) throw new IllegalStateException(kind() + ": backward before forward");
        Check.notNull(gradOutput, "gradOutput");
        int out = outWidth(input.width());
        Check.length("gradOutput", gradOutput.values().length, (long) input.rows() * out, "rows * output width");
        double[] dy = gradOutput.values();
        if (!input.isFull()) {   // padding rows get no gradient (a full batch has none: no copy)
            dy = dy.clone();
            input.clearPadding(dy, out);
        }
        double[] dx = backwardRows(dy, input.values(), input.rows());
        input.clearPadding(dx, input.width());
        return input.with(dx, input.width());
    }
}
