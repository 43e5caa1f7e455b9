package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ε stops the retrieval steps once no query entry moves by more than ε (docs/math.md#hopfield-layer). */
class HopfieldEpsilonStopTest {
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 2}, 4, 13);

    @Test
    void anEpsilonAboveEveryChangeStopsAfterTheFirstStep() {
        double[] five = Hopfield.builder(4).beta(3).updateSteps(5).seed(2).build().forward(BAGS, false).values();
        double[] two = Hopfield.builder(4).beta(3).updateSteps(2).seed(2).build().forward(BAGS, false).values();
        double[] stopped = Hopfield.builder(4).beta(3).updateSteps(5).epsilon(1e6).seed(2).build().forward(BAGS, false).values();
        assertFalse(Arrays.equals(five, two), "the steps must matter for this check");
        assertArrayEquals(two, stopped, "one retrieval step, then the step that reads the values");
    }
}
