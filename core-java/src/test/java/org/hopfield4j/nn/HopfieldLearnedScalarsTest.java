package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Learned β and α start at the configured values, and are parameters only when they are learned. */
class HopfieldLearnedScalarsTest {
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 2}, 4, 9);

    @Test
    void learnedBetaStartsAtTheConfiguredBetaOfEachHead() {
        HopfieldBuilder fixed = Hopfield.builder(4).heads(2).beta(0.6, 2.3).updateSteps(2).seed(5);
        Hopfield learned = Hopfield.builder(4).heads(2).beta(0.6, 2.3).updateSteps(2).seed(5).learnBeta(true).build();
        assertArrayEquals(new double[] {0.6, 2.3}, learned.betas(), 1e-15);
        assertArrayEquals(fixed.build().forward(BAGS, false).values(), learned.forward(BAGS, false).values(), 1e-12);
        assertTrue(names(learned).contains("log_beta"), "a learned beta is trained");
        assertFalse(names(fixed.build()).contains("log_beta"), "a fixed beta is not a parameter: " + names(fixed.build()));
    }

    @Test
    void learnedAlphaStartsAtTheConfiguredAlphaOfEachHead() {
        Hopfield fixed = Hopfield.builder(4).heads(2).alphas(1.2, 1.8).beta(2).seed(6).build();
        Hopfield learned = Hopfield.builder(4).heads(2).learnedAlpha(1.2, 1.8).beta(2).seed(6).build();
        assertArrayEquals(new double[] {1.2, 1.8}, learned.alphas(), 1e-12);
        assertArrayEquals(fixed.forward(BAGS, false).values(), learned.forward(BAGS, false).values(), 1e-9);
        assertTrue(names(learned).contains("alpha_raw"), "a learned alpha is trained");
        assertFalse(names(fixed).contains("alpha_raw"), "fixed alphas are not parameters: " + names(fixed));
        assertEquals(names(fixed).size() + 1, names(learned).size());
    }

    private static List<String> names(Hopfield layer) {
        return layer.parameters().stream().map(Parameter::name).toList();
    }
}
