package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hopfield4j.Precision;
import org.junit.jupiter.api.Test;

/**
 * Padding rows of the state are no queries in either precision: after LayerNorm (whose trained bias would
 * otherwise fill them) they are zero, so each one's association row is uniform over its bag's real
 * stored rows, and its output row is zero.
 */
class Float32PaddingTest {
    @Test
    void paddingStateRowsAreZeroQueriesInBothPrecisions() {
        Batch bags = FiniteDifferences.randomBags(new int[] {2, 4, 1}, 4, 41);
        for (Precision precision : Precision.values()) {
            Hopfield layer = Hopfield.builder(4).projections(false, false, false, false).precision(precision).seed(1).build();
            for (Parameter p : layer.parameters()) {
                if (p.name().endsWith("bias")) for (int i = 0; i < p.size(); i++) p.values()[i] = 0.5 + 0.25 * i;
            }
            double[] y = layer.forward(bags, false).values();
            double[] p = layer.associations();
            int n = bags.length();
            for (int b = 0; b < bags.bags(); b++) {
                for (int r = bags.size(b); r < n; r++) {
                    for (int j = 0; j < n; j++) {
                        double expected = j < bags.size(b) ? 1.0 / bags.size(b) : 0;
                        assertEquals(expected, p[(b * n + r) * n + j], 1e-6, precision + ": bag " + b + ", padding row " + r);
                    }
                    for (int c = 0; c < 4; c++) assertEquals(0.0, y[(b * n + r) * 4 + c], precision + ": output padding");
                }
            }
        }
    }
}
