package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.KernelTraining;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Retriever;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.reference.ReferenceFeatureDistance;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/**
 * The model search's finalists: the experiment's stage I with Adam, then softmax with the kernel at 8β
 * (uhop-adam) or over −‖W ξ − W x‖₁ (uhop-adam-manhattan), each against a float64 reference.
 */
class UHopAdamModelsTest {
    static final KernelTrainer PAPER = KernelTrainer.builder().epochs(6).learningRate(0.5).build();

    @Test
    void stageOneIsTheExperimentsWithAdamAndItsOwnStepSize() {
        KernelTraining paper = PAPER.training();
        KernelTraining adam = Model.UHOP_ADAM_MANHATTAN.stageOne(PAPER).training();
        assertEquals(adam, Model.UHOP_ADAM.stageOne(PAPER).training(), "the two Adam models share one stage I");
        assertEquals(KernelTrainer.Optimizer.ADAM, adam.optimizer());
        assertEquals(Model.ADAM_LEARNING_RATE, adam.learningRate());
        assertEquals(paper.loss(), adam.loss());
        assertEquals(paper.t(), adam.t());
        assertEquals(paper.epochs(), adam.epochs());
        assertEquals(paper.normalizeFeatures(), adam.normalizeFeatures());
        assertEquals(paper.normalizeRows(), adam.normalizeRows());
        assertEquals(paper, Model.UHOP_DENSE.stageOne(PAPER).training(), "the paper's models keep the experiment's");
        assertTrue(Model.UHOP_ADAM_MANHATTAN.isUHop() && Model.UHOP_ADAM.isUHop());
        assertFalse(Model.paperModels().contains(Model.UHOP_ADAM_MANHATTAN), "asked for by name, not a default");
        assertFalse(Model.paperModels().contains(Model.UHOP_ADAM), "asked for by name, not a default");
        assertEquals(2 * Model.ADAM_BETA_SCALE, Model.UHOP_ADAM.retrievalBeta(2));
        assertEquals(2, Model.UHOP_ADAM_MANHATTAN.retrievalBeta(2));
        assertEquals(2, Model.UHOP_DENSE.retrievalBeta(2));
        try (MemoryStore store = MemoryStore.ofFloat(new float[] {1, 0, 0, 1}, 2, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Model.UHOP_ADAM_MANHATTAN.stageTwo(Retriever.builder(store), 1, 1));
            assertTrue(e.getMessage().contains("Model.retrieve"), e.getMessage());
        }
    }

    @Test
    void itsErrorIsTheFloat64ComputationOnItsKernelAndTheDocumentedDraw() {
        ImageSet data = MemoryRetrievalExperimentTest.images(30, 12);
        int M = 8, d = 12;
        double beta = 0.5;
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder()
                .models(List.of(Model.UHOP_DENSE, Model.UHOP_ADAM, Model.UHOP_ADAM_MANHATTAN)).trainer(PAPER).beta(beta).build();
        MemoryRetrievalExperiment.Trial trial = exp.run(data, M, 11, MemoryRetrievalExperimentTest.MASK, null);
        // the draw, in its documented order: the memories, the corruption's seed, the seed of W_0
        SplittableRandom rng = new SplittableRandom(11);
        float[] memories = data.rows(MemoryRetrievalExperiment.draw(30, M, rng));
        float[] queries = MemoryRetrievalExperimentTest.MASK.corrupt(memories, M, d, rng.nextLong());
        long kernelSeed = rng.nextLong();
        LearnedKernel kernel;
        try (MemoryStore store = MemoryStore.ofFloat(memories, M, d)) {
            kernel = Model.UHOP_ADAM_MANHATTAN.stageOne(PAPER).toBuilder().seed(kernelSeed).build().train(store);
        }
        double[] states = ReferenceFeatureDistance.retrieve(kernel.featureMap(), kernel.featureDimension(), memories, M, d,
                queries, M, beta, 1, true);
        double expected = meanClampedSquaredError(memories, states, M);
        assertEquals(expected, trial.meanError().get(Model.UHOP_ADAM_MANHATTAN), 1e-5 * (1 + expected));
        assertTrue(expected > 1e-3, "the masked queries are not all retrieved exactly: " + expected);
        // uhop-adam: the same kernel, softmax over <W xi, W x> at 8 beta
        double[] sharp = ReferenceRetrieval.of(memories, M, d).map(ReferenceSeparation.Map.SOFTMAX, 1)
                .kernel(kernel.featureMap(), kernel.featureDimension()).beta(Model.ADAM_BETA_SCALE * beta).steps(1)
                .retrieve(queries, M).states();
        double expectedSharp = meanClampedSquaredError(memories, sharp, M);
        assertEquals(expectedSharp, trial.meanError().get(Model.UHOP_ADAM), 1e-4 * (1 + expectedSharp));
        assertTrue(Math.abs(expectedSharp - trial.meanError().get(Model.UHOP_DENSE)) > 1e-3,
                "Adam's kernel at 8 beta is not the paper's: " + expectedSharp);
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
