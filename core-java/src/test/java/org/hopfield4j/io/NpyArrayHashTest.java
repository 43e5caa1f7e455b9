package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link NpyArray#hashCode()}: equal arrays hash alike, and arrays that differ only in their values
 * (float32 or float64), or only in their shape, hash apart (keys of a hash map do not all collide).
 */
class NpyArrayHashTest {
    @Test
    void hashFollowsEveryFieldEqualsCompares() {
        assertEquals(NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode(), NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode());
        assertNotEquals(NpyArray.ofFloat(new float[] {1, 2}, 2).hashCode(), NpyArray.ofFloat(new float[] {1, 3}, 2).hashCode());
        assertNotEquals(NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode(), NpyArray.ofDouble(new double[] {1, 3}, 2).hashCode());
        assertNotEquals(NpyArray.ofFloat(new float[] {1, 2}, 1, 2).hashCode(), NpyArray.ofFloat(new float[] {1, 2}, 2, 1).hashCode());
    }
}
