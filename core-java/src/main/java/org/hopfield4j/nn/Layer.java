package org.hopfield4j.nn;

import java.util.List;

/**
 * One differentiable step of a {@link Model}. {@link #forward} keeps what {@link #backward} needs;
 * {@code backward} takes the gradient of the loss with respect to the last forward's output, adds the
 * gradients of the layer's parameters to their {@link Parameter#gradient()} buffers and returns the
 * gradient with respect to the input. A layer holds the state of one forward at a time, so one
 * thread uses it at a time.
 */
public interface Layer {
    /** The output for {@code input}; {@code training} switches dropout (and U-Hop's inner stage) on. */
    Batch forward(Batch input, boolean training);

    /** The gradient with respect to the last forward's input, given the one with respect to its output. */
    Batch backward(Batch gradOutput);

    /** The trainable parameters, in a fixed order (their names are unique within the layer). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** A short name for parameter names and messages ("linear", "hopfield_pooling", …). */
    String kind();
}
