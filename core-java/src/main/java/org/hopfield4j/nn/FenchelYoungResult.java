package org.hopfield4j.nn;

/**
 * What {@link FenchelYoungLoss#compute} returns.
 *
 * @param losses   the loss of each row (0 for ignored rows), before reduction
 * @param loss     the reduced loss (sum for NONE and SUM, mean over the rows not ignored for MEAN)
 * @param gradient dloss/dscores, rows × n: p − e_y per row (divided by the count for MEAN; 0 for ignored rows)
 * @param <A>      {@code float[]} or {@code double[]}
 */
public record FenchelYoungResult<A>(double[] losses, double loss, A gradient) {}
