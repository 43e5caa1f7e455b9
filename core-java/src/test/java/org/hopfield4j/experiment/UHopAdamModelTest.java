package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.KernelTraining;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/** uhop-adam, the model search's winner: the experiment's stage I with Adam, then softmax with its kernel. */
class UHopAdamModelTest {
    static final KernelTrainer PAPER = KernelTrainer.builder().epochs(6).learningRate(0.5).build();

    @Test
    void stageOneIsTheExperimentsWithAdamAndItsOwnStepSize() {
        KernelTraining paper = PAPER.training();
        KernelTraining adam = Model.UHOP_ADAM.stageOne(PAPER).training();
        assertEquals(KernelTrainer.Optimizer.ADAM, adam.optimizer());
        assertEquals(Model.ADAM_LEARNING_RATE, adam.learningRate());
        assertEquals(paper.loss(), adam.loss());
        assertEquals(paper.t(), adam.t());
        assertEquals(paper.epochs(), adam.epochs());
        assertEquals(paper.normalizeFeatures(), adam.normalizeFeatures());
        assertEquals(paper.normalizeRows(), adam.normalizeRows());
        assertEquals(paper, Model.UHOP_DENSE.stageOne(PAPER).training(), "the paper's models keep the experiment's");
        assertTrue(Model.UHOP_ADAM.isUHop());
        assertFalse(Model.paperModels().contains(Model.UHOP_ADAM), "asked for by name, not a default");
    }

    @Test
    void itsErrorIsTheFloat64ReferenceOfItsKernelOnTheDocumentedDraw() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        int M = 8, d = 12;
        double beta = 2;
        List<Model> models = List.of(Model.UHOP_DENSE, Model.UHOP_ADAM);
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().models(models).trainer(PAPER).beta(beta).build();
        MemoryRetrievalExperiment.Trial trial = exp.run(data, M, 11, MemoryRetrievalExperimentTest.MASK, null);
        // the draw, in its documented order: the memories, the corruption's seed, the seed of W_0
        SplittableRandom rng = new SplittableRandom(11);
        float[] memories = data.rows(MemoryRetrievalExperiment.draw(30, M, rng));
        float[] queries = MemoryRetrievalExperimentTest.MASK.corrupt(memories, M, d, rng.nextLong());
        long kernelSeed = rng.nextLong();
        double[] expected = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            Model model = models.get(i);
            LearnedKernel kernel;
            try (MemoryStore store = MemoryStore.ofFloat(memories, M, d)) {
                kernel = model.stageOne(PAPER).toBuilder().seed(kernelSeed).build().train(store);
            }
            double[] states = ReferenceRetrieval.of(memories, M, d).map(ReferenceSeparation.Map.SOFTMAX, 1)
                    .kernel(kernel.featureMap(), kernel.featureDimension()).beta(beta).steps(1)
                    .retrieve(queries, M).states();
            expected[i] = meanClampedSquaredError(memories, states, M);
            assertEquals(expected[i], trial.meanError().get(model), 1e-4 * (1 + expected[i]), model.label());
        }
        assertTrue(Math.abs(expected[0] - expected[1]) > 1e-3, "Adam's kernel is not the paper's: " + expected[0]
                + " vs " + expected[1]);
    }

    private static double meanClampedSquaredError(float[] x, double[] xHat, int M) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double e = clamp(x[i]) - clamp(xHat[i]);
            sum += e * e;
        }
        return sum / M;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
