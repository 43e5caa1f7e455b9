package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.data.ImageSet;
import org.junit.jupiter.api.Test;

/** The memorisation protocol at small size: the classifier memorises and generalises on easy data, both variants. */
class MemorisationExperimentTest {
    @Test
    void theHopfieldLayerClassifierFitsItsTrainingSamplesWithAndWithoutUHop() {
        ImageSet train = LabelledBlobs.generate(300, 24, 0.1, 1);
        ImageSet test = LabelledBlobs.generate(200, 24, 0.1, 2);
        MemorisationExperiment exp = new MemorisationExperiment(
                new MemorisationExperiment.Classifier(32, 16, KernelTrainer.builder().epochs(1).build()),
                TrainingSettings.of(5, 16, 1e-2, 0, 5), 800, 200);
        Map<MemorisationExperiment.Variant, MemorisationExperiment.Accuracy> a = exp.run(train, test, 100, 3,
                List.of(MemorisationExperiment.Variant.HOPFIELD, MemorisationExperiment.Variant.UHOP));
        for (MemorisationExperiment.Accuracy acc : a.values()) {
            assertTrue(acc.train() >= 0.95, "training accuracy " + acc);
            assertTrue(acc.test() >= 0.9, "test accuracy " + acc);
        }
    }

    @Test
    void smallNGetsEnoughEpochsForTheMinimumSteps() {
        MemorisationExperiment exp = MemorisationExperiment.defaults();
        assertEquals(1500, exp.epochs(64), "one batch per epoch");
        assertEquals(10, exp.epochs(60_000), "the protocol's epochs when they already give enough steps");
        assertEquals(94, exp.epochs(1000), "16 batches per epoch: ceil(1500 / 16)");
    }

    @Test
    void theSweepTableHasOneRowPerDatasetModelAndN() {
        ImageSet train = LabelledBlobs.generate(100, 12, 0.1, 1);
        MemorisationExperiment exp = new MemorisationExperiment(
                new MemorisationExperiment.Classifier(8, 4, KernelTrainer.builder().epochs(1).build()),
                TrainingSettings.of(1, 16, 1e-2, 0, 5), 0, 50);
        List<MemorisationSweep.Point> points = new MemorisationSweep(exp, List.of(MemorisationExperiment.Variant.HOPFIELD),
                0, 2, null).sweep("blobs", train, train, List.of(40, 20));
        ResultTable t = MemorisationSweep.table(points);
        assertEquals(List.of(MemorisationSweep.COLUMNS), t.columns());
        assertEquals("blobs,hopfield,20,", t.csvLines().get(1).substring(0, 18));
        assertEquals(2, t.rows().size());
    }
}
