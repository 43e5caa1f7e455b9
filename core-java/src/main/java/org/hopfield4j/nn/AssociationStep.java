package org.hopfield4j.nn;

import org.hopfield4j.Precision;

/**
 * One association step of a layer in the layer's precision, seen in float64: the layers hold their
 * activations as {@code double[]} (mixed precision, docs/java-api.md#layer-precision), so in float32 the operands
 * are rounded to {@code float[]} here, the step and its backward run natively in float32 (the products
 * as sgemm), and the results come back as doubles. In float64 nothing is converted.
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

    /** The forward of {@code association} in {@code precision}. */
    static AssociationStep<?> run(Precision precision, Association association, double[] queries, double[] keys,
                                  double[] values, double[] beta) {
        return run(AssociationPrecision.of(precision), association, queries, keys, values, beta);
    }

    private static <A> AssociationStep<A> run(AssociationPrecision<A> type, Association association, double[] queries,
                                              double[] keys, double[] values, double[] beta) {
        double[] maxAbs = new double[3];
        A qkv = type.packDoubles(new double[][] {queries, keys, values}, maxAbs);
        if (!(Double.isFinite(maxAbs[0]) && Double.isFinite(maxAbs[1]) && Double.isFinite(maxAbs[2]))) {
            // the public forward names the first non-finite value (a diverged training, an overflow)
            association.forward(type, type.fromDoubles(queries), type.fromDoubles(keys), type.fromDoubles(values), beta);
            throw new IllegalStateException("non-finite association inputs passed validation");
        }
        return new AssociationStep<>(type, association.forwardPacked(type, qkv, maxAbs, beta));
    }

    double[] output() {
        A out = forward.sharedOutput();
        return type.toDoubles(out, 0, type.length(out));
    }

    /** P of this step, [problem][query][key]. */
    double[] associations() {
        return type.toDoubles(forward.associations());
    }

    /** dQ, dK, dV as doubles; dβ and dα as the native code returned them. */
    AssociationGradients<double[]> backward(double[] dOut) {
        AssociationForward.Packed<A> g = forward.backwardPacked(type.fromDoubles(dOut));
        Association.Shape s = forward.association().shape();
        return new AssociationGradients<>(type.toDoubles(g.grads(), 0, s.querySize()),
                type.toDoubles(g.grads(), s.querySize(), s.keySize()),
                type.toDoubles(g.grads(), s.querySize() + s.keySize(), s.valueSize()), g.dBeta(), g.dAlpha());
    }
}
