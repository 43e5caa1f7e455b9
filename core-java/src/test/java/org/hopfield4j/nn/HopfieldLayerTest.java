package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.Separation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers' behaviour beyond gradients: readable attention maps, dropout, U-Hop's stage I, validation, persistence. */
class HopfieldLayerTest {
    private static final Batch BAGS = FiniteDifferences.randomBags(new int[] {3, 6, 1}, 4, 5);

    @TempDir
    Path dir;

    @Test
    void poolingAttentionMapIsADistributionOverEachBagsRealInstances() {
        HopfieldPooling pooling = Hopfield.builder(4).heads(2).separation(Separation.sparsemax()).beta(4.0).seed(1)
                .buildPooling(3);
        pooling.forward(BAGS, false);
        double[] p = pooling.associations();
        int n = BAGS.length(), queries = 3, zeros = 0;
        assertEquals(2 * BAGS.bags() * queries * n, p.length, "[head][bag][query][instance]");
        for (int h = 0; h < 2; h++) {
            for (int b = 0; b < BAGS.bags(); b++) {
                for (int q = 0; q < queries; q++) {
                    int row = ((h * BAGS.bags() + b) * queries + q) * n;
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        if (i >= BAGS.size(b)) assertEquals(0.0, p[row + i], "padding instance " + i + " of bag " + b);
                        sum += p[row + i];
                        if (p[row + i] == 0) zeros++;
                    }
                    assertEquals(1.0, sum, 1e-12, "row of head " + h + ", bag " + b + ", query " + q);
                }
            }
        }
        assertTrue(zeros > 2 * 3 * (6 - 3 + 6 - 1), "sparsemax leaves real instances out too, zeros: " + zeros);
    }

    @Test
    void associationDropoutIsSeededAndOnlyInTraining() {
        HopfieldBuilder b = Hopfield.builder(4).dropout(0.5).seed(7);
        Hopfield first = b.build(), second = b.build();
        double[] eval = first.forward(BAGS, false).values();
        double[] trainA = first.forward(BAGS, true).values();
        double[] trainB = second.forward(BAGS, true).values();
        assertArrayEquals(trainA, trainB, "same seed, same masks");
        assertFalse(Arrays.equals(eval, trainA), "dropout changes the training output");
        assertArrayEquals(eval, second.forward(BAGS, false).values(), "evaluation has no dropout");
    }

    @Test
    void uhopStageOneTrainsTheKernelBeforeTrainingForwardsOnly() {
        KernelTrainer stageOne = KernelTrainer.builder().epochs(3).learningRate(0.1).build();
        HopfieldPooling layer = Hopfield.builder(4).kernel(6).uhop(stageOne).seed(2).buildPooling(1);
        Parameter kernel = layer.parameters().stream().filter(p -> p.name().equals("kernel")).findFirst().orElseThrow();
        double[] before = kernel.values().clone();
        layer.forward(BAGS, false);
        assertArrayEquals(before, kernel.values(), "evaluation leaves W alone");
        Batch y = layer.forward(BAGS, true);
        assertFalse(Arrays.equals(before, kernel.values()), "stage I moved W before the training forward");
        layer.backward(y);
        assertTrue(Arrays.stream(kernel.gradient()).allMatch(g -> g == 0), "stage I owns W: no task gradient");
    }

    @Test
    void inconsistentShapesAreRejectedWithTheirNames() {
        Hopfield layer = Hopfield.builder(5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(BAGS, false));
        assertEquals("state rows must have 5 values, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Hopfield.builder(6).heads(4).projections(true, false, true, true).build());
        assertTrue(e.getMessage().startsWith("without its projection the stored width is split between the heads"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hopfield.builder(4).learnedAlpha(1.0).build());
        assertTrue(e.getMessage().contains("alpha must be in (1 + 0.01, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hopfield.builder(4).uhop(KernelTrainer.builder().build()).build());
        assertEquals("U-Hop stage I trains the kernel: set a kernel dim > 0", e.getMessage());
    }

    @Test
    void aSavedHopfieldModelLoadsIntoAFreshOne() throws Exception {
        Model saved = Model.of(Hopfield.builder(4).heads(2).learnedAlpha(1.4).learnBeta(true).seed(3).buildPooling(2),
                new Linear(8, 1, 4));
        saved.parameters().forEach(p -> Arrays.setAll(p.values(), i -> p.values()[i] + 0.01 * i));
        Path file = dir.resolve("pooling.npz");
        saved.save(file);
        Model loaded = Model.of(Hopfield.builder(4).heads(2).learnedAlpha(1.4).learnBeta(true).seed(9).buildPooling(2),
                new Linear(8, 1, 5));
        loaded.load(file);
        assertArrayEquals(saved.forward(BAGS, false).values(), loaded.forward(BAGS, false).values());
        assertTrue(saved.namedParameters().containsKey("0.hopfield_pooling.norm_state.gain"), saved.namedParameters()::toString);
    }
}
