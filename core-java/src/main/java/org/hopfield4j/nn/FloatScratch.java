package org.hopfield4j.nn;

/**
 * Float arrays that one part of a float32 layer reuses from one call to the next. The layers'
 * activations are arrays of 100 k values and more; allocating a fresh one per use costs a zeroing pass
 * each (and the collector's work), as much as the LayerNorm itself. An array handed out stays the
 * caller's until its next {@link #get} of the same slot; every caller overwrites it in full. Arrays
 * that leave the layer (outputs, gradients) are never taken from here.
 */
final class FloatScratch {
    private final float[][] arrays;

    FloatScratch(int slots) {
        arrays = new float[slots][];
    }

    /** The array of {@code slot}, of exactly {@code length} values (contents left from its last use). */
    float[] get(int slot, int length) {
        float[] a = arrays[slot];
        if (a == null || a.length != length) {
            a = new float[length];
            arrays[slot] = a;
        }
        return a;
    }
}
