package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.KernelTraining;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.data.ImageSet;
import org.junit.jupiter.api.Test;

/** The paper's sweeps summarise exactly the runs of MemoryRetrievalExperiment, seeds first, first + 1, ... */
class ProtocolSweepTest {
    static final ImageSet DATA = MemoryRetrievalExperimentTest.images(30, 12);
    static final MemoryRetrievalExperiment EXP = MemoryRetrievalExperiment.builder()
            .trainer(KernelTrainer.builder().epochs(2).learningRate(0.5).build()).build();

    @Test
    void capacityIsTheMeanAndStdOfTheRunsOfEachSeed() {
        List<String> progress = new ArrayList<>();
        SweepSummary s = new ProtocolSweep(EXP, DATA, 7, 2, progress::add)
                .capacity(List.of(6, 4, 6), MemoryRetrievalExperimentTest.MASK);
        assertEquals(2 * 2 * Model.paperModels().size(), progress.size(), progress::toString);
        assertEquals("M 4 seed 7 dense", progress.get(0));
        assertEquals(Model.paperModels().size() * 2, s.points().size());
        MemoryRetrievalExperiment.Trial[][] trials = new MemoryRetrievalExperiment.Trial[2][2];
        for (int i = 0; i < 2; i++) {
            for (int seed = 0; seed < 2; seed++) {
                trials[i][seed] = EXP.run(DATA, 4 + 2 * i, 7 + seed, MemoryRetrievalExperimentTest.MASK, null);
            }
        }
        int k = 0;
        for (Model m : Model.paperModels()) {   // model by model, each over the sorted sizes
            for (int i = 0; i < 2; i++) {
                SweepSummary.Point p = s.points().get(k++);
                double[] e = MemoryRetrievalExperiment.meanStd(new double[] {
                        trials[i][0].meanError().get(m), trials[i][1].meanError().get(m)});
                assertEquals(m, p.model());
                assertEquals(4 + 2 * i, p.at());
                assertEquals(e[0], p.mean(), 0.0, m + " M " + p.at());
                assertEquals(e[1], p.std(), 0.0, m + " M " + p.at());
                assertEquals(2, p.seeds());
            }
        }
        List<String> csv = s.table().csvLines();
        assertEquals("model,M,mean,std,seeds", csv.get(0));
        assertTrue(csv.get(1).startsWith("dense,4,"), csv.get(1));
    }

    @Test
    void noiseTrainsOneKernelPerSeedAndEqualsARunAtEachSigma() {
        List<Double> sigmas = List.of(0.0, 0.5, 1.5);
        SweepSummary s = new ProtocolSweep(EXP, DATA, 3, 2, null).noise(6, sigmas);
        int k = 0;
        for (Model m : Model.paperModels()) {
            for (double sigma : sigmas) {
                double[] e = new double[2];
                for (int seed = 0; seed < 2; seed++) {
                    e[seed] = EXP.run(DATA, 6, 3 + seed, MemoryRetrievalExperiment.Corruptor.noise(sigma), null)
                            .meanError().get(m);
                }
                double[] ms = MemoryRetrievalExperiment.meanStd(e);
                SweepSummary.Point p = s.points().get(k++);
                assertEquals(sigma, p.at());
                assertEquals(ms[0], p.mean(), 0.0, m + " sigma " + sigma);
                assertEquals(ms[1], p.std(), 0.0, m + " sigma " + sigma);
            }
        }
    }

    @Test
    void aTrainedKernelIsReusedOnlyForTheSameMemorySizeSeedAndStageOne() {
        MemoryRetrievalExperiment.TrainedKernel trained = new MemoryRetrievalExperiment.TrainedKernel();
        KernelTraining sgd = EXP.trainer().training();
        KernelTraining adam = EXP.trainer().toBuilder().optimizer(KernelTrainer.Optimizer.ADAM).build().training();
        int[] trainings = {0};
        Supplier<LearnedKernel> train = () -> {
            trainings[0]++;
            return LearnedKernel.of(new double[] {1}, 1, 1);
        };
        trained.get(6, 1, sgd, train);
        trained.get(6, 1, sgd, train);
        assertEquals(1, trainings[0]);
        trained.get(6, 1, adam, train);
        trained.get(6, 1, sgd, train);
        assertEquals(2, trainings[0]);
        trained.get(6, 2, sgd, train);
        trained.get(8, 2, sgd, train);
        assertEquals(4, trainings[0]);
    }

    @Test
    void epochsCarryTheLossAndRunOnlyUHop() {
        MemoryRetrievalExperiment uhop = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_SPARSE))
                .trainer(EXP.trainer()).build();
        SweepSummary s = new ProtocolSweep(uhop, DATA, 0, 1, null).epochs(6, List.of(2, 0), MemoryRetrievalExperimentTest.MASK);
        assertEquals("model,epochs,mean,std,loss_mean,loss_std,seeds", s.table().csvLines().get(0));
        assertEquals(List.of(0, 2), s.points().stream().map(SweepSummary.Point::at).toList());
        assertTrue(s.points().get(1).lossMean() < s.points().get(0).lossMean(), s.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProtocolSweep(EXP, DATA, 0, 1, null).epochs(6, List.of(1), MemoryRetrievalExperimentTest.MASK));
        assertTrue(e.getMessage().contains("U-Hop models only"), e.getMessage());
    }

    @Test
    void badAxesAndSeedsAreRejectedBeforeAnyRun() {
        assertThrows(IllegalArgumentException.class, () -> new ProtocolSweep(EXP, DATA, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> ProtocolSweep.memorySizes(List.of(3, 0)));
        assertThrows(IllegalArgumentException.class, () -> ProtocolSweep.noiseNorms(List.of(0.5, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> ProtocolSweep.epochCounts(List.of(-1)));
        assertEquals(List.of(0.0, 0.5), ProtocolSweep.noiseNorms(List.of(0.5, 0.0, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> ProtocolSweep.betas(List.of(1.0, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> ProtocolSweep.betas(List.of(Double.POSITIVE_INFINITY)));
        assertEquals(List.of(0.25, 4.0), ProtocolSweep.betas(List.of(4.0, 0.25, 4.0)));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new ProtocolSweep(EXP, DATA, 0, 1, null).noise(31, List.of(0.0)));
        assertTrue(big.getMessage().contains("exceeds the 30 images"), big.getMessage());
    }
}
