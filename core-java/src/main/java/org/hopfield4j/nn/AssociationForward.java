package org.hopfield4j.nn;

import org.hopfield4j.MapKind;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.VjpWeights;
import org.hopfield4j.nativelib.HopfieldNative.AssociationCall;

/**
 * The result of {@link Association#forward}: the output, the association matrix P (the attention
 * maps), and what {@link #backward} needs. Immutable; {@link #backward} may be called any number of
 * times (with different upstream gradients) and from several threads.
 *
 * @param <A> {@code float[]} (float32) or {@code double[]} (float64)
 */
public final class AssociationForward<A> {
    private final Association association;
    private final AssociationPrecision<A> type;
    private final A qkv;      // the inputs, packed Q | K | V
    private final double[] maxAbs;  // max|q|, max|k|, max|v|
    private final A output;
    private final A ps;       // P | S
    private final double[] scalars;
    private final int betaCount;

    AssociationForward(Association association, AssociationPrecision<A> type, A qkv, double[] maxAbs, A output, A ps,
                       double[] scalars, int betaCount) {
        this.association = association;
        this.type = type;
        this.qkv = qkv;
        this.maxAbs = maxAbs;
        this.output = output;
        this.ps = ps;
        this.scalars = scalars;
        this.betaCount = betaCount;
    }

    /** The association this came from. */
    public Association association() {
        return association;
    }

    /** out = P V (with dropout: (P ∘ keep / (1 − rate)) V), problems × Nq × dv; a copy. */
    public A output() {
        return type.slice(output, 0, type.length(output));
    }

    /** The output array itself, not a copy: for callers in this package that only read it. */
    A sharedOutput() {
        return output;
    }

    /** P = map(β Q Kᵀ + mask), problems × Nq × Nk, before dropout; a copy. */
    public A associations() {
        return type.slice(ps, 0, association.shape().associationSize());
    }

    /**
     * The vector–Jacobian products of the output against {@code dOut} (problems × Nq × dv, finite):
     * dQ, dK, dV, dβ (as many values as β had) and, for α-entmax, dα (one, or one per row).
     */
    public AssociationGradients<A> backward(A dOut) {
        Check.notNull(dOut, "dOut");
        Association.Shape s = association.shape();
        Check.length("dOut", type.length(dOut), s.outputSize(), "problems * queries * valueDim");
        type.checkFinite("dOut", dOut, s.valueDim());
        checkGradientRange(dOut);
        boolean alphaGradient = association.hasAlphaGradient();
        int alphaCount = scalars.length - betaCount;
        A grads = type.allocate(s.querySize() + s.keySize() + s.valueSize());
        double[] dScalars = new double[betaCount + (alphaGradient ? alphaCount : 0)];
        try (AssociationCall c = association.call(betaCount, alphaGradient)) {
            AssociationPrecision.enter();
            AssociationPrecision.status(type.associationBackward(c, qkv, ps, dOut, association.keep(), grads, dScalars,
                    scalars), "association backward");
        }
        double[] dBeta = java.util.Arrays.copyOfRange(dScalars, 0, betaCount);
        double[] dAlpha = alphaGradient ? java.util.Arrays.copyOfRange(dScalars, betaCount, dScalars.length) : null;
        return new AssociationGradients<>(type.slice(grads, 0, s.querySize()), type.slice(grads, s.querySize(), s.keySize()),
                type.slice(grads, s.querySize() + s.keySize(), s.valueSize()), dBeta, dAlpha);
    }

    /**
     * Rejects an upstream gradient whose products with the inputs could overflow (a conservative bound
     * through the chain dOut → dP = dOut Vᵀ → dS (the map's VJP, at most 2 max w max|dP|, w = p^(2−α)
     * for the entmax family as in {@code BackwardBounds}, 1 for softmax and sparsemax) → dQ = β dS K,
     * dK = β dS Q, dβ = Σ dS ∘ Q Kᵀ), so that the backward is finite or the documented exception.
     */
    private void checkGradientRange(A dOut) {
        Association.Shape s = association.shape();
        double q = maxAbs[0], k = maxAbs[1], v = maxAbs[2];
        double g = type.maxAbs(dOut);
        double beta = Math.max(Association.maxBeta(java.util.Arrays.copyOf(scalars, betaCount)), 1);
        double dS = 2 * g * v * s.valueDim() * Math.max(largestWeight(), 1);
        double bound = Math.max(Math.max(dS, g * s.queries()),
                Math.max(beta * dS * Math.max(k * s.keys(), q * s.queries()), dS * q * k * s.keyDim() * s.queries() * s.keys()));
        double limit = type.precision().overflowLimit();
        if (!(bound <= limit)) {
            throw new IllegalArgumentException("dOut: its products with the inputs could overflow the gradients in "
                    + type.precision() + " (bound " + bound + " from max|dOut| = " + g + ", max|value| = " + v
                    + ", max|query| = " + q + ", max|key| = " + k + ", beta " + beta + "; limit " + limit + ")");
        }
    }

    /** max over the rows of the map's VJP weights ({@link VjpWeights}: p^(2−α) on the support for the entmax family). */
    private double largestWeight() {
        MapKind kind = association.map().kind();
        Association.Shape s = association.shape();
        A p = associations();
        int nk = s.keys();
        double largest = 0;
        for (int r = 0; r < s.rows(); r++) {
            double alpha = scalars[betaCount + (scalars.length - betaCount == 1 ? 0 : r)];
            largest = Math.max(largest, VjpWeights.largest(kind, alpha, j -> type.get(p, j), r * nk, nk));
        }
        return largest;
    }
}
