package org.hopfield4j.data;

import java.util.Arrays;
import java.util.Objects;
import org.hopfield4j.internal.Check;

/**
 * A set of N flattened images of dimension d, pixels in [0, 1], one image per row of an N × d
 * row-major float32 array, with an optional label per image.
 *
 * @param pixels      N × d row-major, every value in [0, 1]
 * @param count       N
 * @param dimension   d (784 for MNIST's 28 × 28)
 * @param labels      N labels, or null when the source has none
 * @param description where the images came from, for reports
 */
public record ImageSet(float[] pixels, int count, int dimension, int[] labels, String description) {
    public ImageSet {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(description, "description");
        if (count < 0 || dimension < 1 || (long) count * dimension != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected count * dimension = "
                    + count + " * " + dimension);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + count);
        }
    }

    /** Image i (a copy of its d pixels). */
    public float[] image(int i) {
        Objects.checkIndex(i, count);
        return Arrays.copyOfRange(pixels, i * dimension, (i + 1) * dimension);
    }

    /** The images at {@code indices}, as an indices.length × d row-major array. */
    public float[] rows(int[] indices) {
        float[] out = new float[Check.matrixSize("indices", indices.length, 0, "d", dimension)];
        for (int k = 0; k < indices.length; k++) {
            Objects.checkIndex(indices[k], count);
            System.arraycopy(pixels, indices[k] * dimension, out, k * dimension, dimension);
        }
        return out;
    }

    /** The smallest and the largest pixel value ({0, 0} for an empty set). */
    public float[] range() {
        if (pixels.length == 0) {
            return new float[] {0, 0};
        }
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : pixels) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    @Override
    public String toString() {
        return "ImageSet[" + description + ": " + count + " x " + dimension + (labels == null ? "" : ", labelled") + "]";
    }
}
