package org.hopfield4j.nn;

import static org.hopfield4j.nn.AssociationGradientChecks.FD_TOLERANCE;
import static org.hopfield4j.nn.AssociationGradientChecks.assertGradient;
import static org.hopfield4j.nn.AssociationGradientChecks.fd;
import static org.hopfield4j.nn.AssociationGradientChecks.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** normmax's dα ({@link NormmaxAlpha}) against central differences of ⟨g, normmax_α(z)⟩ (the native map, float64). */
class NormmaxAlphaTest {
    private static final int ROWS = 5, N = 9;

    @ParameterizedTest(name = "alpha {0}")
    @ValueSource(doubles = {1.3, 1.5, 2.0, 3.0, 5.0})
    void eachRowsAlphaGradientEqualsFiniteDifferences(double alpha) {
        AssociationGradientChecks.atAWellConditionedPoint(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] z = gaussian(rnd, ROWS * N, 1.2);
            double[] g = gaussian(rnd, ROWS * N, 1);
            double[] p = Separation.named("normmax", alpha).apply(z, ROWS, N);
            double[] analytic = NormmaxAlpha.vjp(p, g, ROWS, N, alpha);
            for (int r = 0; r < ROWS; r++) {
                int row = r, support = 0;
                for (int i = 0; i < N; i++) if (p[r * N + i] > 0) support++;
                if (support == 1) {   // one-hot at every α near this one
                    assertEquals(0.0, analytic[r], 0.0, "one-hot row " + r);
                    continue;
                }
                double[] numeric = fd(new double[] {alpha}, a -> rowLoss(z, g, row, a[0]));
                assertGradient(new double[] {analytic[r]}, numeric, FD_TOLERANCE, "alpha " + alpha + ", row " + r);
            }
        });
    }

    /** ⟨g, normmax_α(z)⟩ on one row. */
    private static double rowLoss(double[] z, double[] g, int r, double alpha) {
        double[] p = Separation.named("normmax", alpha).apply(java.util.Arrays.copyOfRange(z, r * N, r * N + N), 1, N);
        double s = 0;
        for (int i = 0; i < N; i++) s += g[r * N + i] * p[i];
        return s;
    }

    @Test
    void aOneHotRowDoesNotDependOnAlphaAndBadArgumentsFail() {
        double[] p = {0, 1, 0};
        assertEquals(0.0, NormmaxAlpha.vjp(p, new double[] {3, -1, 2}, 1, 3, 2.0)[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> NormmaxAlpha.vjp(p, new double[3], 1, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> NormmaxAlpha.vjp(p, new double[2], 1, 3, 2.0));
    }
}
