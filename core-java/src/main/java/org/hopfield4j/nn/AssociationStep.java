package org.hopfield4j.nn;

/**
 * One association step of a layer on activations in the layer's precision ({@code float[]} in float32,
 * {@code double[]} in float64: docs/java-api.md#layer-precision): Q | K | V packed and measured in one
 * pass, the step and its backward run natively, the gradients cut apart. Nothing is converted.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
final class AssociationStep<A> {
    private final AssociationPrecision<A> type;
    private final AssociationForward<A> forward;

    private AssociationStep(AssociationPrecision<A> type, AssociationForward<A> forward) {
        this.type = type;
        this.forward = forward;
    }

    /** The forward of {@code association} on these queries, keys and values. */
    static <A> AssociationStep<A> run(AssociationPrecision<A> type, Association association, A queries, A keys, A values,
                                      double[] beta) {
        double[] maxAbs = new double[3];
        A qkv = type.packMeasured(java.util.List.of(queries, keys, values), maxAbs);
        if (!(Double.isFinite(maxAbs[0]) && Double.isFinite(maxAbs[1]) && Double.isFinite(maxAbs[2]))) {
            // the public forward names the first non-finite value (a diverged training, an overflow)
            association.forward(type, queries, keys, values, beta);
            throw new IllegalStateException("non-finite association inputs passed validation");
        }
        return new AssociationStep<>(type, association.forwardPacked(type, qkv, maxAbs, beta));
    }

    /** The output, problems × Nq × dv (the array itself: read it, do not write it). */
    A output() {
        return forward.sharedOutput();
    }

    /** P of this step, [problem][query][key], as doubles. */
    double[] associations() {
        return type.toDoubles(forward.associations());
    }

    /** dQ, dK, dV, dβ and dα given the output's gradient. */
    AssociationGradients<A> backward(A dOut) {
        return forward.backward(dOut);
    }
}
