package org.hopfield4j.nn;

/**
 * What {@link RetrievalGradient#vjp} returns: the final states and the vector–Jacobian products of
 * dL/dξ_T through the T steps.
 *
 * @param states  ξ_T, B × dv
 * @param dStates dL/dξ_0, B × d
 * @param dStored dL/dY, M × d (through keys, and through values when the values are the stored patterns)
 * @param dValues dL/dV, M × dv, for separate values; else null
 * @param dKernel dL/dW, D × d, for the learned-kernel similarity; else null
 * @param dBeta   dL/dβ
 * @param dAlpha  dL/dα for α-entmax (one value); else null
 * @param <A>     {@code float[]} or {@code double[]}, the store's precision
 */
public record RetrievalGradientResult<A>(A states, A dStates, A dStored, A dValues, A dKernel, double dBeta,
                                         double[] dAlpha) {}
