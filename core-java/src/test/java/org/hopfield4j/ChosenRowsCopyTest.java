package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/**
 * Training on chosen rows copies exactly those rows, once, next to W and its gradient (JavaCPP's own
 * accounting, {@link Pointer#totalBytes()}, read from the progress callback while training runs), in
 * the store's precision; all of it is freed when training ends.
 */
class ChosenRowsCopyTest {
    static final int M = 6, d = 4, D = 3;
    static final double[] XI = SeparationLossTest.gaussian(new SplittableRandom(2), M * d, 1.0);

    @Test
    void theCopyHoldsTheChosenRowsInTheStoresPrecision() {
        for (boolean f32 : new boolean[] {true, false}) {
            int bytes = f32 ? Float.BYTES : Double.BYTES;
            try (MemoryStore store = f32 ? MemoryStore.ofFloat(ReferenceSeparation.toFloat(XI), M, d)
                    : MemoryStore.ofDouble(XI, M, d)) {
                long before = Pointer.totalBytes();
                long[] during = new long[1];
                KernelTrainer.builder().indices(5, 1, 3).featureDimension(D).epochs(1)
                        .progress((epoch, epochs, loss, minDistance2, rate) -> during[0] = Pointer.totalBytes())
                        .build().train(store);
                assertEquals((2L * D * d + 3L * d) * bytes, during[0] - before,
                        (f32 ? "float32" : "float64") + ": W, its gradient and the three chosen rows");
                assertEquals(before, Pointer.totalBytes(), "all freed after training");
            }
        }
    }
}
