package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ProtocolSweepTest leaves open: every sweep checks M before any work (even with nothing to run),
 * tells its progress for each model of each seed's run, and the epochs sweep's errors are those of
 * runEpochs for each seed; the list validators keep M = 1 and hand back the list they accept.
 */
class ProtocolSweepChecksTest {
    static final MemoryRetrievalExperiment UHOP = MemoryRetrievalExperiment.builder().models(List.of(Model.UHOP_SPARSE))
            .trainer(ProtocolSweepTest.EXP.trainer()).build();

    @Test
    void aMemorySizeBeyondTheDataIsRejectedBeforeAnyWork() {
        List<String> progress = new ArrayList<>();
        ProtocolSweep sweep = new ProtocolSweep(ProtocolSweepTest.EXP, ProtocolSweepTest.DATA, 0, 1, progress::add);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sweep.capacity(List.of(4, 31), MemoryRetrievalExperimentTest.MASK));
        assertTrue(e.getMessage().contains("exceeds the 30 images"), e.getMessage());
        assertEquals(List.of(), progress, "M = 4 was not run before M = 31 was rejected");
        assertThrows(IllegalArgumentException.class, () -> sweep.noise(31, List.of()));
        ProtocolSweep uhop = new ProtocolSweep(UHOP, ProtocolSweepTest.DATA, 0, 1, progress::add);
        assertThrows(IllegalArgumentException.class, () -> uhop.epochs(31, List.of(), MemoryRetrievalExperimentTest.MASK));
    }

    @Test
    void noiseTellsEachModelOfEachSeedsRun() {
        List<String> progress = new ArrayList<>();
        new ProtocolSweep(UHOP, ProtocolSweepTest.DATA, 3, 2, progress::add).noise(6, List.of(0.5));
        assertEquals(List.of("sigma 0.5 seed 3 uhop-sparse", "sigma 0.5 seed 4 uhop-sparse"), progress);
    }

    @Test
    void epochsAreTheMeanAndStdOfRunEpochsOfEachSeed() {
        List<String> progress = new ArrayList<>();
        SweepSummary s = new ProtocolSweep(UHOP, ProtocolSweepTest.DATA, 3, 2, progress::add)
                .epochs(6, List.of(1, 0), MemoryRetrievalExperimentTest.MASK);
        assertEquals(List.of("N 0 seed 3 uhop-sparse", "N 1 seed 3 uhop-sparse", "N 0 seed 4 uhop-sparse",
                "N 1 seed 4 uhop-sparse"), progress);
        double[][] errors = new double[2][2], losses = new double[2][2];
        for (int seed = 0; seed < 2; seed++) {
            List<MemoryRetrievalExperiment.EpochPoint> points = UHOP.runEpochs(ProtocolSweepTest.DATA, 6, 3 + seed,
                    MemoryRetrievalExperimentTest.MASK, new int[] {0, 1}, null);
            for (int i = 0; i < 2; i++) {
                errors[i][seed] = points.get(i).meanError().get(Model.UHOP_SPARSE);
                losses[i][seed] = points.get(i).separationLoss();
            }
        }
        for (int i = 0; i < 2; i++) {
            SweepSummary.Point p = s.points().get(i);
            double[] e = MemoryRetrievalExperiment.meanStd(errors[i]);
            double[] l = MemoryRetrievalExperiment.meanStd(losses[i]);
            assertEquals(i, p.at());
            assertEquals(e[0], p.mean(), 0.0, "N " + i);
            assertEquals(e[1], p.std(), 0.0, "N " + i);
            assertEquals(l[0], p.lossMean(), 0.0, "N " + i);
            assertEquals(l[1], p.lossStd(), 0.0, "N " + i);
        }
    }

    @Test
    void validatorsKeepMOfOneAndReturnTheUHopModels() {
        assertEquals(List.of(1, 2), ProtocolSweep.memorySizes(List.of(2, 1)));
        List<Model> uhop = List.of(Model.UHOP_SPARSE, Model.UHOP_DENSE);
        assertEquals(uhop, ProtocolSweep.uhopOnly(uhop));
    }
}
