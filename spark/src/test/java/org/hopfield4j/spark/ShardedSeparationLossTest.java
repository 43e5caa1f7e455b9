package org.hopfield4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.SeparationLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * U-Hop stage I on a sharded store (uneven shards, one empty): the loss, its gradient with respect to W
 * and min d² equal the single-machine SeparationLoss to 1e-9 (float64), for every loss, with and
 * without feature normalisation.
 */
class ShardedSeparationLossTest {
    static final int M = 30, d = 7, D = 5;

    @ParameterizedTest(name = "{0} normalize={1}")
    @CsvSource({"AVG,true", "AVG,false", "MAX,true", "MAX,false", "DL,true", "DL,false"})
    void equalsTheSingleMachineLoss(SeparationLoss loss, boolean normalize) {
        RetrievalData data = new RetrievalData(new Random(3), M, d, 1, D);
        double[] w = data.w;
        double t = normalize ? 2.0 : 0.05;
        try (MemoryStore local = data.store(Precision.FLOAT64);
             ShardedStore sharded = data.sharded(SparkTestSession.context(), Precision.FLOAT64, 9, 0, 14, 7)) {
            SeparationLoss.Evaluation expected = loss.evaluate(w, D, local, t, normalize);
            SeparationLoss.Evaluation actual = ShardedSeparationLoss.evaluate(sharded, loss, w, D, t, normalize);
            assertEquals(expected.loss(), actual.loss(), 1e-9 * Math.max(1, Math.abs(expected.loss())), "loss");
            assertArrayEquals(expected.gradient(), actual.gradient(), 1e-9, "gradient");
            assertEquals(expected.minDistance2(), actual.minDistance2(), 1e-9, "min d2");
        }
    }
}
