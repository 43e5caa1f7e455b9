package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A step that leaves W too large to evaluate is reported as divergence in the epoch that took it,
 * whether the next epoch's check or the final one finds it (the loss after the last epoch is never
 * computed from such a W).
 */
class TrainingDivergenceTest {

    @Test
    void theEpochThatOvershotIsNamed() {
        try (MemoryStore store = KernelTrainerTest.randomStore(9, 8, 4, false)) {
            for (int epochs : new int[] {1, 2}) {
                KernelTrainer t = KernelTrainer.builder().epochs(epochs).learningRate(1e300).normalizeFeatures(false).build();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.train(store));
                assertTrue(e.getMessage().startsWith("training diverged in epoch 1 of " + epochs + " (step 1.0E300): "
                        + "W is too large for these memories"), e.getMessage());
            }
        }
    }
}
