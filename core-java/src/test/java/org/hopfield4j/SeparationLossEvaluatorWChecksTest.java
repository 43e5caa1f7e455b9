package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every entry point of an evaluator checks W before native code: the entry that overflows float32
 * is named by its row and column, and a W whose features could overflow is rejected naming what
 * would overflow (the norms when features are normalised, else their inner products, |f|²).
 */
class SeparationLossEvaluatorWChecksTest {
    static final int M = 5, d = 4, D = 3;
    static final double[] XI = SeparationLossTest.gaussian(new SplittableRandom(11), M * d, 1.0);

    private static MemoryStore floatStore() {
        return MemoryStore.ofFloat(ReferenceSeparation.toFloat(XI), M, d);
    }

    private static void assertRejected(String messageStart, Executable call) {
        long before = NativeCalls.count();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertEquals(before, NativeCalls.count(), "rejected before native code");
    }

    @Test
    void theEntryThatOverflowsFloat32IsNamedAtEveryEntryPoint() {
        double[] w = new double[D * d];
        w[6] = 1e39;   // row 1, column 2
        try (MemoryStore store = floatStore(); SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            String named = "W has 1.0E39 at (row 1, column 2), which overflows float32";
            assertRejected(named, () -> e.evaluate(w));
            assertRejected(named, () -> e.evaluate(w, new double[D * d]));
            assertRejected(named, () -> e.value(w));
        }
    }

    @Test
    void aNonFiniteOrShortWIsRejectedByTheGradientOverloadToo() {
        try (MemoryStore store = floatStore(); SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            double[] nan = new double[D * d];
            nan[0] = Double.NaN;
            assertRejected("W", () -> e.evaluate(nan, new double[D * d]));
            assertRejected("W has length " + (D * d - 1), () -> e.evaluate(new double[D * d - 1], new double[D * d]));
        }
    }

    @Test
    void anEntryThatRoundsToTheLargestFloatIsLeftToTheNormBound() {
        double[] w = new double[D * d];
        w[0] = Float.MAX_VALUE * (1 + 0x1p-30);   // beyond Float.MAX_VALUE, yet (float) w[0] is Float.MAX_VALUE
        try (MemoryStore store = floatStore(); SeparationLossEvaluator e = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
            assertRejected("W is too large for these memories: feature norms could reach", () -> e.value(w));
        }
    }

    @Test
    void unnormalisedFeaturesAreBoundedByTheirInnerProducts() {
        double[] w = new double[D * d];
        java.util.Arrays.fill(w, 1e18);   // |f| up to ~1e19 fits float32, |f|² does not
        try (MemoryStore store = floatStore()) {
            try (SeparationLossEvaluator raw = SeparationLoss.AVG.evaluator(store, D, 2, false)) {
                assertRejected("W is too large for these memories: feature inner products could reach", () -> raw.value(w));
            }
            try (SeparationLossEvaluator unit = SeparationLoss.AVG.evaluator(store, D, 2, true)) {
                assertTrue(Double.isFinite(unit.value(w)), "normalised features of the same W fit");
            }
        }
    }
}
