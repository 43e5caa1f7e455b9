package org.hopfield4j.nn;

/**
 * The gradients {@link AssociationForward#backward} returns, in the layouts of the inputs.
 *
 * @param dQueries dL/dQ, problems × Nq × dk
 * @param dKeys    dL/dK, problems × Nk × dk
 * @param dValues  dL/dV, problems × Nk × dv
 * @param dBeta    dL/dβ: one value per β given (one, or one per problem)
 * @param dAlpha   dL/dα for α-entmax (one value, or one per row of P with per-row α); null for the
 *                 other maps
 * @param <A>      {@code float[]} or {@code double[]}
 */
public record AssociationGradients<A>(A dQueries, A dKeys, A dValues, double[] dBeta, double[] dAlpha) {}
