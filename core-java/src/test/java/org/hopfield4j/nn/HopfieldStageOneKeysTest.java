package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.MemoryStore;
import org.junit.jupiter.api.Test;

/**
 * U-Hop's stage I inside a layer trains W on exactly the batch's real keys, every head's, padding left
 * out: the same W as the kernel trainer run by hand on those rows from the layer's W. Without
 * projections and LayerNorm the keys are the stored rows themselves, split between the heads.
 */
class HopfieldStageOneKeysTest {
    private static final KernelTrainer STAGE_ONE = KernelTrainer.builder().epochs(2).learningRate(0.05).build();

    @Test
    void stageOneTrainsOnTheRealKeysOfEveryHeadAndBag() {
        assertStageOneOn(FiniteDifferences.randomBags(new int[] {2, 3}, 4, 31), 2);
    }

    @Test
    void twoRealKeysAreEnoughForStageOne() {
        assertStageOneOn(FiniteDifferences.randomBags(new int[] {2}, 4, 32), 1);
    }

    private static void assertStageOneOn(Batch bags, int heads) {
        int dk = bags.width() / heads, n = bags.length();
        Hopfield layer = Hopfield.builder(bags.width()).heads(heads).projections(false, false, false, false)
                .normalize(false, false, false).kernel(5).uhop(STAGE_ONE).seed(3).build();
        Parameter kernel = layer.parameters().stream().filter(p -> p.name().equals("kernel")).findFirst().orElseThrow();
        double[] initial = kernel.values().clone();
        double[] keys = new double[bags.rows() * bags.width()];
        int count = 0;
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < bags.bags(); b++) {
                for (int r = 0; r < bags.size(b); r++) {
                    System.arraycopy(bags.values(), (b * n + r) * bags.width() + h * dk, keys, count++ * dk, dk);
                }
            }
        }
        double[] expected;
        try (MemoryStore store = MemoryStore.ofDouble(Arrays.copyOf(keys, count * dk), count, dk)) {
            expected = STAGE_ONE.train(store, initial, 5).featureMap();
        }
        layer.forward(bags, bags, bags, true);
        assertFalse(Arrays.equals(initial, kernel.values()), "stage I moved W");
        assertArrayEquals(expected, kernel.values(), 1e-12);
    }
}
