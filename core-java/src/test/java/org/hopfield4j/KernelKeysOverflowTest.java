package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Every row of the kernel keys A = Ξ WᵀW computed from W is checked finite in the store's precision,
 * the last as much as the first: a key that overflows float32 fails building the retriever, naming
 * the keys, their precision and the row, and leaves no native memory behind.
 */
class KernelKeysOverflowTest {

    @Test
    void aLastKeyBeyondFloat32IsRejectedNamingItsRow() {
        // W = (1e15, 0): WᵀW = diag(1e30, 0), so A = (1e20, 0), (0, 0) and (1e40, 0) for the last pattern (1e10, 0)
        float[] xi = {1e-10f, 0, 0, 1e-10f, 1e10f, 0};
        try (MemoryStore store = MemoryStore.ofFloat(xi, 3, 2)) {
            long before = Pointer.totalBytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Retriever.builder(store)
                    .map(Separation.softmax()).similarity(Similarity.kernel(new double[] {1e15, 0}, 1, 2)).build());
            assertTrue(e.getMessage().startsWith("kernel keys A = Xi W^T W (float32) has Infinity at (row 2, column 0)"),
                    e.getMessage());
            assertTrue(Pointer.totalBytes() == before, "the keys and W were freed with the failure");
        }
    }
}
