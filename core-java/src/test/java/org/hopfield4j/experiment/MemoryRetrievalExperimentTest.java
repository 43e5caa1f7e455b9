package org.hopfield4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.junit.jupiter.api.Test;

class MemoryRetrievalExperimentTest {
    static ImageSet images(int n, int d) {
        SplittableRandom r = new SplittableRandom(5);
        float[] p = new float[n * d];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble() < 0.4 ? (float) r.nextDouble() : 0f;
        }
        return new ImageSet(p, n, d, null, "test");
    }

    static final MemoryRetrievalExperiment.Corruptor MASK =
            MemoryRetrievalExperiment.Corruptor.masking(Corruption.Masking.ZERO, 0.5);

    @Test
    void drawsAreDistinctSeededAndNested() {
        int[] a = MemoryRetrievalExperiment.draw(50, 10, new SplittableRandom(3));
        assertEquals(10, Arrays.stream(a).distinct().count());
        assertArrayEquals(a, MemoryRetrievalExperiment.draw(50, 10, new SplittableRandom(3)));
        int[] b = MemoryRetrievalExperiment.draw(50, 20, new SplittableRandom(3));
        assertArrayEquals(a, Arrays.copyOf(b, 10));
    }

    @Test
    void everyModelGivesAFiniteErrorAndRunsAreReproducible() {
        ImageSet data = images(40, 16);
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder()
                .trainer(KernelTrainer.builder().epochs(3).build()).build();
        MemoryRetrievalExperiment.Trial t1 = exp.run(data, 8, 1, MASK, null);
        MemoryRetrievalExperiment.Trial t2 = exp.run(data, 8, 1, MASK, null);
        assertEquals(Model.paperModels(), List.copyOf(t1.meanError().keySet()));
        t1.meanError().forEach((m, e) -> assertTrue(Double.isFinite(e) && e >= 0, m + ": " + e));
        assertEquals(t1, t2);
        assertTrue(Double.isFinite(t1.separationLoss()));
    }

    @Test
    void cleanQueriesWithASparseMapComeBackExactly() {
        // sanity of the error: with no corruption, sparsemax on orthogonal patterns (disjoint supports) retrieves exactly
        float[] px = new float[8 * 16];
        for (int i = 0; i < 8; i++) {
            px[i * 16 + 2 * i] = 1;
            px[i * 16 + 2 * i + 1] = 0.5f;
        }
        ImageSet data = new ImageSet(px, 8, 16, null, "orthogonal");
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().models(List.of(Model.SPARSE)).beta(100).build();
        MemoryRetrievalExperiment.Trial t = exp.run(data, 5, 2, MemoryRetrievalExperiment.Corruptor.noise(0), null);
        assertEquals(0, t.meanError().get(Model.SPARSE), 1e-6);
    }

    @Test
    void epochsContinuationEqualsTrainingFromScratch() {
        ImageSet data = images(40, 16);
        List<Model> uhop = List.of(Model.UHOP_DENSE, Model.UHOP_SPARSE);
        KernelTrainer trainer = KernelTrainer.builder().learningRate(0.5).build();
        MemoryRetrievalExperiment.Builder b = MemoryRetrievalExperiment.builder().models(uhop).trainer(trainer);
        List<MemoryRetrievalExperiment.EpochPoint> points = b.build().runEpochs(data, 10, 4, MASK, new int[] {0, 2, 5}, null);
        assertEquals(3, points.size());
        for (MemoryRetrievalExperiment.EpochPoint p : points) {
            MemoryRetrievalExperiment.Trial scratch = b.trainer(trainer.toBuilder().epochs(p.epochs()).build()).build().run(data, 10, 4, MASK, null);
            assertEquals(scratch.separationLoss(), p.separationLoss(), 1e-9, "loss at N = " + p.epochs());
            for (Model m : uhop) {
                assertEquals(scratch.meanError().get(m), p.meanError().get(m), 1e-5, m + " at N = " + p.epochs());
            }
        }
    }

    @Test
    void badSizesAreRejected() {
        ImageSet data = images(10, 4);
        MemoryRetrievalExperiment exp = MemoryRetrievalExperiment.builder().build();
        assertThrows(IllegalArgumentException.class, () -> exp.run(data, 11, 0, MASK, null));
        assertThrows(IllegalArgumentException.class, () -> exp.run(data, 1, 0, MASK, null));
        assertArrayEquals(new double[] {2, 1}, MemoryRetrievalExperiment.meanStd(new double[] {1, 2, 3}), 1e-12);
    }
}
