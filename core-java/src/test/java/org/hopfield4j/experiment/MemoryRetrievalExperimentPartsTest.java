package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.ArrayList;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.junit.jupiter.api.Test;

/** The protocol's arithmetic and bounds, each at its edge: the summary statistics, the draw, the memory size. */
class MemoryRetrievalExperimentPartsTest {

    @Test
    void meanAndSampleStandardDeviation() {
        assertArrayEquals(new double[] {5, Math.sqrt(32.0 / 7)}, MemoryRetrievalExperiment.meanStd(new double[] {2, 4, 4, 4, 5, 5, 7, 9}), 1e-15);
        assertArrayEquals(new double[] {1.5, Math.sqrt(0.5)}, MemoryRetrievalExperiment.meanStd(new double[] {1, 2}), 1e-15);
        assertArrayEquals(new double[] {3, 0}, MemoryRetrievalExperiment.meanStd(new double[] {3}), 0.0);
        double[] none = MemoryRetrievalExperiment.meanStd(new double[0]);
        assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[1]));
    }

    @Test
    void drawTakesMDistinctIndicesFromN() {
        int[] all = MemoryRetrievalExperiment.draw(7, 7, new SplittableRandom(3));
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, sorted, "M = N is a permutation");
        assertEquals(1, MemoryRetrievalExperiment.draw(7, 1, new SplittableRandom(3)).length);
        assertArrayEquals(MemoryRetrievalExperiment.draw(50, 5, new SplittableRandom(9)),
                MemoryRetrievalExperiment.draw(50, 5, new SplittableRandom(9)));
        // every index is reachable in the first place: not just the first ones
        boolean[] seen = new boolean[5];
        for (long s = 0; s < 200; s++) seen[MemoryRetrievalExperiment.draw(5, 1, new SplittableRandom(s))[0]] = true;
        assertArrayEquals(new boolean[] {true, true, true, true, true}, seen);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> MemoryRetrievalExperiment.draw(7, 8, new SplittableRandom(3)));
        assertEquals("cannot draw M = 8 memories from 7 images", big.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> MemoryRetrievalExperiment.draw(7, 0, new SplittableRandom(3)));
        assertEquals("cannot draw M = 0 memories from 7 images", zero.getMessage());
    }

    @Test
    void memorySizeBetweenTheUHopMinimumAndTheImageCount() {
        ImageSet data = new ImageSet(new float[12 * 2], 12, 2, null, "twelve");
        MemoryRetrievalExperiment plain = MemoryRetrievalExperiment.builder().models(List.of(Model.DENSE)).build();
        plain.checkMemorySize(data, 12);
        plain.checkMemorySize(data, 1);
        IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> plain.checkMemorySize(data, 13));
        assertEquals("memory size M = 13 exceeds the 12 images of twelve", over.getMessage());
        KernelTrainer trainer = KernelTrainer.builder().epochs(1).build();
        MemoryRetrievalExperiment uhop = MemoryRetrievalExperiment.builder().models(List.of(Model.DENSE, Model.UHOP_DENSE))
                .trainer(trainer).build();
        int minimum = trainer.rows().minimumMemories();
        assertTrue(minimum >= 2, "the loss over pairs needs two rows: " + minimum);
        uhop.checkMemorySize(data, minimum);
        // run and runEpochs check it before drawing anything
        IllegalArgumentException runOver = assertThrows(IllegalArgumentException.class,
                () -> plain.run(data, 13, 0, MemoryRetrievalExperimentTest.MASK, null));
        assertEquals(over.getMessage(), runOver.getMessage());
        IllegalArgumentException epochsSmall = assertThrows(IllegalArgumentException.class,
                () -> uhop.runEpochs(data, minimum - 1, 0, MemoryRetrievalExperimentTest.MASK, new int[] {0}, null));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> uhop.checkMemorySize(data, minimum - 1));
        assertEquals(small.getMessage(), epochsSmall.getMessage());
        assertEquals("memory size M = " + (minimum - 1) + " is too small: U-Hop trains on " + trainer.rows().describe()
                + " and its separation loss needs at least 2 of them (M >= " + minimum + ")", small.getMessage());
    }

    @Test
    void eachEpochPointEqualsARunOfThoseEpochsAlone() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        for (KernelTrainer.Optimizer optimizer : KernelTrainer.Optimizer.values()) {
            KernelTrainer trainer = KernelTrainer.builder().learningRate(0.5).optimizer(optimizer).build();
            MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_SPARSE))
                    .trainer(trainer).build();
            List<String> told = new ArrayList<>();
            List<MemoryRetrievalExperiment.EpochPoint> all = exp.runEpochs(data, 8, 3, MemoryRetrievalExperimentTest.MASK,
                    new int[] {0, 2, 5}, (model, n, seed) -> told.add(model + " " + n + " " + seed));
            assertEquals(List.of("uhop-sparse 0 3", "uhop-sparse 2 3", "uhop-sparse 5 3"), told);
            for (MemoryRetrievalExperiment.EpochPoint p : all) {
                MemoryRetrievalExperiment.EpochPoint alone = exp.runEpochs(data, 8, 3, MemoryRetrievalExperimentTest.MASK,
                        new int[] {p.epochs()}, null).get(0);
                String what = optimizer + " after " + p.epochs() + " epochs";
                assertEquals(alone.separationLoss(), p.separationLoss(), 1e-9 * Math.abs(alone.separationLoss()), what);
                assertEquals(alone.meanError().get(Model.UHOP_SPARSE), p.meanError().get(Model.UHOP_SPARSE), 1e-6, what);
            }
            assertTrue(Double.isNaN(all.get(0).separationLoss()) || all.get(2).separationLoss() < all.get(0).separationLoss(),
                    optimizer + ": training lowers the loss");
        }
    }

    /**
     * An epoch point is the capacity run of a trainer with that many epochs, rows normalised after
     * training or not: {@code runEpochs} trains without the normalisation and applies it per point, so
     * dropping that step (or applying it when stage I says not to) changes the points of one of the two.
     */
    @Test
    void anEpochPointEqualsTheCapacityRunOfThatTrainerWithRowsNormalisedOrNot() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        for (boolean normalize : new boolean[] {true, false}) {
            KernelTrainer base = KernelTrainer.builder().learningRate(0.5).normalizeRows(normalize).build();
            MemoryRetrievalExperiment epochs = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_DENSE))
                    .trainer(base).build();
            MemoryRetrievalExperiment.EpochPoint point = epochs.runEpochs(data, 8, 4, MemoryRetrievalExperimentTest.MASK,
                    new int[] {3}, null).get(0);
            MemoryRetrievalExperiment capacity = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_DENSE))
                    .trainer(base.toBuilder().epochs(3).build()).build();
            MemoryRetrievalExperiment.Trial trial = capacity.run(data, 8, 4, MemoryRetrievalExperimentTest.MASK, null);
            String what = "rows normalised: " + normalize;
            assertEquals(trial.meanError().get(Model.UHOP_DENSE), point.meanError().get(Model.UHOP_DENSE),
                    1e-6 * Math.max(1, trial.meanError().get(Model.UHOP_DENSE)), what);
            assertEquals(trial.separationLoss(), point.separationLoss(), 1e-9 * Math.abs(trial.separationLoss()), what);
        }
    }

    @Test
    void theEpochsListMustAscendFromZero() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_DENSE)).build();
        for (int[] bad : new int[][] {{2, 2}, {3, 1}, {-1, 4}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> exp.runEpochs(data, 8, 0, MemoryRetrievalExperimentTest.MASK, bad, null));
            assertEquals("epochs list must be ascending and >= 0: " + Arrays.toString(bad), e.getMessage());
        }
    }

    @Test
    void aRunsErrorIsTheMeanSquaredErrorOfItsDocumentedDraw() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        int M = 8, d = 12;
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().models(List.of(Model.DENSE, Model.L2))
                .beta(2).steps(1).build();
        MemoryRetrievalExperiment.Trial trial = exp.run(data, M, 11, MemoryRetrievalExperimentTest.MASK, null);
        // the draw, in its documented order: the memories, the corruption's seed, the seed of W_0
        SplittableRandom rng = new SplittableRandom(11);
        float[] memories = data.rows(MemoryRetrievalExperiment.draw(30, M, rng));
        float[] queries = MemoryRetrievalExperimentTest.MASK.corrupt(memories, M, d, rng.nextLong());
        for (Model model : List.of(Model.DENSE, Model.L2)) {
            float[] states;
            try (MemoryStore store = MemoryStore.ofFloat(memories, M, d);
                 Retriever r = model.stageTwo(Retriever.builder(store), 2, 1)) {
                states = r.retrieve(queries, M).floatStates();
            }
            double sum = 0;
            for (double e : Corruption.squaredErrors(memories, states, M, d)) sum += e;
            assertEquals(sum / M, trial.meanError().get(model), 1e-12 * (1 + sum), model.label());
            assertTrue(sum > 0, "the masked queries are not all retrieved exactly");
        }
        assertTrue(Double.isNaN(trial.separationLoss()), "no U-Hop model, no loss");
    }
}
