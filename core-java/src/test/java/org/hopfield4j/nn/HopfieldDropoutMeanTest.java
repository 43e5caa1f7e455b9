package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Dropout on the association matrix keeps each entry with probability 1 − rate and scales it by
 * 1 / (1 − rate): the training output is the evaluation output on average, and single draws differ from it.
 */
class HopfieldDropoutMeanTest {
    @Test
    void trainingOutputAveragesToTheEvaluationOutput() {
        Batch bags = FiniteDifferences.randomBags(new int[] {4, 3}, 4, 17);
        Hopfield layer = Hopfield.builder(4).dropout(0.25).beta(0.5).seed(8).build();
        double[] eval = layer.forward(bags, false).values();
        double[] mean = new double[eval.length];
        int draws = 4000;
        double differs = 0;
        for (int d = 0; d < draws; d++) {
            double[] y = layer.forward(bags, true).values();
            for (int i = 0; i < y.length; i++) {
                mean[i] += y[i] / draws;
                differs = Math.max(differs, Math.abs(y[i] - eval[i]));
            }
        }
        double scale = 0;
        for (double v : eval) scale = Math.max(scale, Math.abs(v));
        assertTrue(differs > 0.05 * scale, "a draw drops entries: largest change " + differs);
        // each output is a mean of 4000 draws: a standard error of about 1 % of the output's scale
        for (int i = 0; i < eval.length; i++) assertEquals(eval[i], mean[i], 0.06 * scale, "output " + i);
    }
}
