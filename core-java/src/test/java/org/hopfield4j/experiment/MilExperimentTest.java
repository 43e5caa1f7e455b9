package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistBags;
import org.junit.jupiter.api.Test;

/** The MIL protocol at small size: dense pooling learns the bag task; the grid's table has the exact columns. */
class MilExperimentTest {
    private static final ImageSet TRAIN = LabelledBlobs.generate(600, 24, 0.15, 1);
    private static final ImageSet TEST = LabelledBlobs.generate(400, 24, 0.15, 2);

    private static MilExperiment small(List<MilModel> models) {
        return new MilExperiment(models, new MilExperiment.Network(16, 2, 8, KernelTrainer.builder().epochs(1).build()),
                TrainingSettings.of(15, 8, 3e-3, 1e-4, 5.0), 200, 3);
    }

    @Test
    void densePoolingLearnsWhichBagsHoldTheTargetDigit() {
        MilExperiment.Trial trial = small(List.of(MilModel.DENSE))
                .run(TRAIN, TEST, 120, new MnistBags.Shape(6, 1, 9, false), 5, null);
        MilExperiment.Score dense = trial.scores().get(MilModel.DENSE);
        assertTrue(dense.auc() >= 0.95, "dense test AUC " + dense.auc());
        assertTrue(dense.accuracy() >= 0.85, "dense test accuracy " + dense.accuracy());
        // the attention maps: three bags, one weight per instance, each a distribution over the bag
        assertEquals(3, trial.attention().size());
        for (MilExperiment.AttentionMap m : trial.attention()) {
            assertEquals(m.instances().length, m.weights().length);
            double sum = 0;
            for (double w : m.weights()) sum += w;
            assertEquals(1.0, sum, 1e-9, "association weights of a bag sum to 1");
        }
    }

    @Test
    void theGridWritesOneRowPerModelCountAndMeanWithTheExactColumns() {
        MilExperiment exp = small(List.of(MilModel.SPARSE, MilModel.UHOP_DENSE)).withTraining(TrainingSettings.of(1, 8, 3e-3, 0, 5))
                .withTestBags(20);
        MilSummary summary = new MilSweep(exp, TRAIN, TEST, 0, 2, null).grid(List.of(20, 10), List.of(4.0, 2.0),
                new MnistBags.Shape(4, 1, 9, false));
        ResultTable t = summary.table();
        assertEquals(List.of("model", "bags", "mean_bag", "auc_mean", "auc_std", "acc_mean", "acc_std", "seeds"), t.columns());
        assertEquals(8, t.rows().size());
        assertEquals("sparse,10,2,", t.csvLines().get(1).substring(0, 12));
        for (Object[] row : t.rows()) assertEquals(2, row[7]);
        assertEquals(2 * 3, summary.attention().size(), "two models, three bags each");
    }
}
