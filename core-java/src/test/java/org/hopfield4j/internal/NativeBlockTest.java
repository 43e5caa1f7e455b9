package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

class NativeBlockTest {

    @Test
    void closeFreesWhenIdleOrAtTheLastRelease() {
        NativeBlock idle = NativeBlock.copyOf(new float[] {1, 2, 3});
        assertEquals(3, idle.length());
        idle.close();
        assertTrue(idle.isClosed());
        assertTrue(idle.isFreed());
        idle.close();   // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> idle.acquire("gone"));
        assertEquals("gone", e.getMessage());

        NativeBlock busy = NativeBlock.copyOf(new double[] {1, 2});
        busy.acquire("x");
        busy.close();
        assertFalse(busy.isFreed(), "a reader is in flight");
        assertEquals(2.0, busy.doublePointer().get(1));
        busy.release();
        assertTrue(busy.isFreed());
        assertThrows(IllegalStateException.class, busy::release, "release without acquire");
    }

    @Test
    void cleanerFreesAnUnclosedBlock() throws InterruptedException {
        FloatPointer pointer = dropBlock();   // keeps only the pointer, not the block
        for (int i = 0; i < 200 && !pointer.isNull(); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(pointer.isNull(), "the cleaner freed the memory of a block that was never closed");
    }

    private static FloatPointer dropBlock() {
        NativeBlock b = NativeBlock.floats(1 << 20);
        assertFalse(b.floatPointer().isNull());
        return b.floatPointer();
    }
}
