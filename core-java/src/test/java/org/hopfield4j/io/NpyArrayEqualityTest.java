package org.hopfield4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link NpyArray#equals} is reflexive and false for anything else than an array;
 * {@link NpyArray#hashCode()}: equal arrays hash alike, and arrays that differ only in their values
 * (float32 or float64), or only in their shape, hash apart (keys of a hash map do not all collide).
 */
class NpyArrayEqualityTest {
    @Test
    void equalsIsReflexiveAndOnlyForArrays() {
        NpyArray a = NpyArray.ofFloat(new float[] {1, 2}, 2);
        assertTrue(a.equals(a));
        assertFalse(a.equals("NpyArray[float32, shape=(2,)]"));
        assertFalse(a.equals(null));
    }

    @Test
    void hashFollowsEveryFieldEqualsCompares() {
        assertEquals(NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode(), NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode());
        assertNotEquals(NpyArray.ofFloat(new float[] {1, 2}, 2).hashCode(), NpyArray.ofFloat(new float[] {1, 3}, 2).hashCode());
        assertNotEquals(NpyArray.ofDouble(new double[] {1, 2}, 2).hashCode(), NpyArray.ofDouble(new double[] {1, 3}, 2).hashCode());
        assertNotEquals(NpyArray.ofFloat(new float[] {1, 2}, 1, 2).hashCode(), NpyArray.ofFloat(new float[] {1, 2}, 2, 1).hashCode());
    }
}
