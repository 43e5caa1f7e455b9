package org.hopfield4j.internal;

import java.util.function.IntToDoubleFunction;
import org.hopfield4j.MapKind;

/**
 * The weights of a separation map's vector–Jacobian product on one row, which the overflow bounds
 * of every backward need: the entmax family scales the upstream gradient by w = p^(2−α) on the
 * support (normmax by c = (p / max p)^(2−α); softmax's w = p, sparsemax's w = 1). One home for
 * {@code BackwardBounds} (the maps' own backward) and the layers' {@code AssociationForward}.
 */
public final class VjpWeights {
    private VjpWeights() {}

    /** max w over the support of the row p[from], …, p[from + n − 1] (0 for a row without support). */
    public static double largest(MapKind kind, double alpha, IntToDoubleFunction p, int from, int n) {
        double pMax = 0;
        for (int i = from; i < from + n; i++) {
            pMax = Math.max(pMax, p.applyAsDouble(i));
        }
        double largest = 0;
        for (int i = from; i < from + n; i++) {
            double pi = p.applyAsDouble(i);
            if (pi > 0) {
                largest = Math.max(largest, Math.pow(kind == MapKind.NORMMAX ? pi / pMax : pi, 2 - alpha));
            }
        }
        return largest;
    }
}
