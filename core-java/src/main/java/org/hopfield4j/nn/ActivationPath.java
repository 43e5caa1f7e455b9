package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.Precision;

/**
 * How the Hopfield layers' activations flow in a precision (docs/java-api.md#layer-precision): in
 * float64 as {@code double[]} through {@link LayerNorm}, {@link Linear} and {@link Heads} ({@link DoublePath});
 * in float32 as {@code float[]} from the rounded input to the widened output, LayerNorm and the
 * projections native, heads split and merged by the products themselves ({@link FloatPath}).
 * {@link HopfieldCore} is written once over either. One path per layer: it may keep state between calls.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
abstract class ActivationPath<A> {
    /** The path of a precision (a new one: a path belongs to one layer). */
    static ActivationPath<?> of(Precision precision) {
        return precision == Precision.FLOAT32 ? new FloatPath() : new DoublePath();
    }

    /** The element type and its native association kernels. */
    abstract AssociationPrecision<A> type();

    /** Where a forward starts: a path may reuse work between the inputs of one forward, never across two. */
    void startForward() {}

    /** LayerNorm (null: none), then the projection (null: none), then the split into heads of {@code dim}. */
    abstract HeadsIn<A> headsIn(LayerNorm norm, Linear projection, int heads, int dim);

    /** The merge of the heads (each {@code dim} wide), then the output projection (null: none). */
    abstract HeadsOut<A> headsOut(Linear projection, int heads, int dim);

    /** Y = X Wᵀ (X rows × in, W out × in, in float64): the learned kernel's features. */
    abstract A linear(A x, int rows, int in, double[] w, int out);

    /** The backward of {@link #linear}: adds dYᵀ X to {@code dw}, returns dX = dY W. */
    abstract A linearBackward(A dy, A x, int rows, int in, double[] w, double[] dw, int out);

    /**
     * A batch shaped like {@code like} holding the sum of {@code parts} (each {@code like}'s size), in
     * float64, summed in order: the gradient of one batch that fed several inputs.
     */
    abstract Batch sumToBatch(Batch like, List<A> parts);

    /** One input side (state, stored or values) of a layer; it keeps its last forward for its backward. */
    interface HeadsIn<A> {
        /** The head-major rows, [head][bag][row][dim], of a batch (padding rows zero). */
        A forward(Batch x, boolean training);

        /**
         * The gradient of the last forward's batch (its layout, padding rows zero) given that of its
         * head-major rows; adds parameter gradients.
         */
        A backward(A dHeads);
    }

    /** The output side of a layer; it keeps its last forward for its backward. */
    interface HeadsOut<A> {
        /** The output rows, laid out like {@code state}, of the head-major association output. */
        Batch forward(Batch state, A heads, boolean training);

        /** The gradient of the head-major association output; adds parameter gradients. */
        A backward(Batch gradOutput);
    }
}
