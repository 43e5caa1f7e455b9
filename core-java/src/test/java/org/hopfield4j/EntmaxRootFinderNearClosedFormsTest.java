package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The α-entmax root finder next to the two closed forms (issue #19 item 2). {@code entmax(1.5)} and
 * {@code entmax(2)} are routed to the exact 1.5-entmax and sparsemax kernels, so comparing them with
 * those maps compares a kernel with itself; at α = 1.5 ± 1e-9 and 2 ± 1e-9 the root finder runs, and
 * its result may differ from the closed form only by the O(1e-9) change of the map itself.
 */
class EntmaxRootFinderNearClosedFormsTest {
    /** |dp/dα| is O(1) on these scores (|z| ≤ 3), so a 1e-9 step in α moves p by far less than this. */
    private static final double TOLERANCE = 1e-7;

    @ParameterizedTest(name = "alpha {0} + {1}")
    @CsvSource({"1.5, -1e-9", "1.5, 1e-9", "2.0, -1e-9", "2.0, 1e-9"})
    void rootFinderAgreesWithTheClosedForm(double alpha, double offset) {
        Separation closedForm = alpha == 2.0 ? Separation.sparsemax() : Separation.entmax15();
        Separation rootFinder = Separation.entmax(alpha + offset);
        int rows = 40, n = 33;
        SplittableRandom rnd = new SplittableRandom(19);
        double[] z = Numerics.uniform(rnd, rows * n, -3, 3);
        boolean[] mask = Numerics.randomMask(rnd, rows * n, 0.8);
        Arrays.fill(z, n, 2 * n, 1.25);                       // a row of ties
        z[2 * n + 3] = Double.NEGATIVE_INFINITY;              // masked by -inf
        for (int i = 3 * n; i < 4 * n; i++) {
            z[i] = (i % 3) * 1e-12;                           // near-ties at a tiny scale
        }
        for (double beta : new double[] {0.3, 1, 7}) {
            double[] expected = new double[z.length];
            double[] actual = new double[z.length];
            closedForm.apply(z, mask, expected, null, rows, n, beta);
            rootFinder.apply(z, mask, actual, null, rows, n, beta);
            double worst = 0;
            for (int i = 0; i < z.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(worst <= TOLERANCE, "alpha " + (alpha + offset) + ", beta " + beta + ": worst |p - closed form| " + worst);
        }
    }
}
