package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Computing kernel keys A = Ξ Wᵀ W frees its scratch blocks (Wᵀ, the chunk of Ξ Wᵀ and, for a half
 * store, the widened float32 chunk) at once: only the keys and W stay, until the retriever is closed
 * (JavaCPP's own accounting, {@link Pointer#totalBytes()}).
 */
class KernelKeysFreesTest {
    static final int M = 16, d = 8, D = 5;
    static final Random RND = new Random(4);
    static final float[] XI = RetrievalFixtures.toFloat(RetrievalFixtures.gaussian(RND, M * d, 0.5));
    static final double[] W = RetrievalFixtures.gaussian(RND, D * d, 0.3);

    @Test
    void onlyTheKeysAndWStayUntilClose() {
        for (StoragePrecision storage : StoragePrecision.values()) {
            if (storage == StoragePrecision.FLOAT64) continue;
            try (MemoryStore store = MemoryStore.ofFloat(XI, M, d, storage)) {
                long before = Pointer.totalBytes();
                Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernel(W, D, d)).build();
                assertEquals(before + (long) (M * d + D * d) * Float.BYTES, Pointer.totalBytes(),
                        storage + ": the float32 keys (M x d) and W (D x d), nothing else");
                r.close();
                assertEquals(before, Pointer.totalBytes(), storage.toString());
                assertTrue(r.ownedMemoryFreed());
            }
        }
    }
}
