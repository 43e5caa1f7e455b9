package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hopfield4j.nn.Bags;
import org.hopfield4j.nn.Batch;
import org.hopfield4j.nn.Layer;
import org.hopfield4j.nn.Model;
import org.junit.jupiter.api.Test;

/**
 * The training loop and the accuracy of {@link Training}, seen through a layer that records what it
 * is given: every epoch visits every row once, in batches of the configured size, in a shuffled order;
 * accuracy is the fraction of rows whose largest logit is their label, over batches of 500.
 */
class TrainingLoopTest {
    /** The identity (its input rows are the logits), recording the first value of each row it trains on. */
    static final class Recorder implements Layer {
        final List<double[]> trainingBatches = new ArrayList<>();
        final boolean oneLogitPerBag;

        Recorder(boolean oneLogitPerBag) {
            this.oneLogitPerBag = oneLogitPerBag;
        }

        @Override
        public Batch forward(Batch input, boolean training) {
            if (oneLogitPerBag) {
                if (training) trainingBatches.add(new double[input.bags()]);
                return Batch.rows(new double[input.bags()], input.bags(), 1);
            }
            if (training) {
                double[] first = new double[input.rows()];
                for (int r = 0; r < first.length; r++) first[r] = input.values()[r * input.width()];
                trainingBatches.add(first);
            }
            return input;
        }

        @Override
        public Batch backward(Batch gradOutput) {
            return gradOutput;
        }

        @Override
        public String kind() {
            return "recorder";
        }
    }

    @Test
    void multiclassVisitsEveryRowOncePerEpochInShuffledBatches() {
        for (int n : new int[] {10, 8}) {         // batches 4, 4, 2 and 4, 4
            double[] x = new double[n * 2];
            for (int i = 0; i < n; i++) x[2 * i] = i;   // row i is (i, 0), label 0
            Recorder rec = new Recorder(false);
            Training.multiclass(Model.of(rec), x, new int[n], 2, TrainingSettings.of(3, 4, 1e-3, 0, 1), 17);
            int perEpoch = (n + 3) / 4;
            assertEquals(3 * perEpoch, rec.trainingBatches.size(), "3 epochs of " + perEpoch + " batches, n = " + n);
            int[] identity = new int[n];
            Arrays.setAll(identity, i -> i);
            boolean shuffled = false;
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] seen = new int[n];
                int k = 0;
                for (int b = 0; b < perEpoch; b++) {
                    double[] batch = rec.trainingBatches.get(epoch * perEpoch + b);
                    assertEquals(b < perEpoch - 1 ? 4 : n - 4 * (perEpoch - 1), batch.length, "batch size");
                    for (double v : batch) seen[k++] = (int) v;
                }
                shuffled |= !Arrays.equals(identity, seen);
                Arrays.sort(seen);
                assertArrayEquals(identity, seen, "epoch " + epoch + " visits each row once");
            }
            assertTrue(shuffled, "some epoch's order is not the rows' own (n = " + n + ")");
        }
    }

    @Test
    void binaryRunsTheConfiguredEpochs() {
        List<double[]> bags = new ArrayList<>();
        for (int i = 0; i < 6; i++) bags.add(new double[] {i, 1});
        Recorder rec = new Recorder(true);
        Training.binary(Model.of(rec), new Bags(bags, 2, new double[] {0, 1, 0, 1, 0, 1}),
                TrainingSettings.of(2, 4, 1e-3, 0, 1), 3);
        assertEquals(4, rec.trainingBatches.size(), "2 epochs of batches 4 and 2");
        assertEquals(12, rec.trainingBatches.stream().mapToInt(b -> b.length).sum(), "each bag once per epoch");
    }

    @Test
    void accuracyIsTheShareOfRowsWhoseLargestLogitIsTheirLabel() {
        for (int n : new int[] {1000, 1001}) {       // batches of 500: two full ones, and one more of a single row
            int c = 3;
            double[] x = new double[n * c];
            int[] labels = new int[n];
            int right = 0;
            for (int i = 0; i < n; i++) {
                int best = (i * 7) % c;
                x[i * c + best] = 1 + i % 5;
                labels[i] = (i % 4 == 0) ? (best + 1) % c : best;   // every fourth row labelled wrongly
                if (labels[i] == best) right++;
            }
            assertEquals(right / (double) n, Training.accuracy(Model.of(new Recorder(false)), x, labels, c), 0.0,
                    "n = " + n);
        }
    }

    @Test
    void aTieGoesToTheFirstLargestLogitAsArgmaxDoes() {
        // as torch.argmax and numpy.argmax: the first of equal largest logits is the prediction
        double[] x = {2, 2, 0, 0, 1, 1};
        assertEquals(1.0, Training.accuracy(Model.of(new Recorder(false)), x, new int[] {0, 1}, 3), 0.0);
    }
}
