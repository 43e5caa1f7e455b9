package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;

import org.junit.jupiter.api.Test;

/**
 * U-Hop's stage I runs in the store's own precision, which a float16 or bfloat16 store does not
 * have (docs/formats.md): training on one is rejected before native code whichever rows are chosen,
 * read in place (all, a range) or copied (chosen indices).
 */
class HalfStoreTrainingTest {
    static final float[] XI = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0};   // 4 x 3
    static final String MESSAGE = "U-Hop training needs a float32 or float64 memory store, got a ";

    @Test
    void everyRowSelectionRejectsAHalfStore() {
        for (StoragePrecision half : new StoragePrecision[] {StoragePrecision.FLOAT16, StoragePrecision.BFLOAT16}) {
            try (MemoryStore store = MemoryStore.ofFloat(XI, 4, 3, half)) {
                String message = MESSAGE + half + " one";
                assertRejectedBeforeNative(IllegalArgumentException.class, message,
                        () -> KernelTrainer.builder().epochs(1).build().train(store));
                assertRejectedBeforeNative(IllegalArgumentException.class, message,
                        () -> KernelTrainer.builder().epochs(1).rows(1, 4).build().train(store));
                assertRejectedBeforeNative(IllegalArgumentException.class, message,
                        () -> KernelTrainer.builder().epochs(1).indices(3, 0).build().train(store));
                assertRejectedBeforeNative(IllegalArgumentException.class, message,
                        () -> SeparationLoss.AVG.evaluator(store, 2, 2, true));
            }
        }
    }
}
