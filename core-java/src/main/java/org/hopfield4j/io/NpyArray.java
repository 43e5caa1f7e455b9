package org.hopfield4j.io;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 1-D or 2-D floating-point array as stored in a {@code .npy} file.
 *
 * <p>Elements are held in row-major (C) order in a {@code float[]} for {@link NpyDtype#FLOAT32} or a
 * {@code double[]} for {@link NpyDtype#FLOAT64}; element {@code (r, c)} of a 2-D array is at index
 * {@code r * cols() + c}.
 *
 * <p>Immutability: the factories copy the caller's array and every accessor that returns an array
 * returns a fresh copy. For large arrays, {@link #floatBuffer()} and {@link #doubleBuffer()} give
 * read-only views without copying.
 */
public final class NpyArray {

    private final NpyDtype dtype;
    private final int[] shape;
    private final float[] floats; // non-null iff dtype == FLOAT32
    private final double[] doubles; // non-null iff dtype == FLOAT64

    private NpyArray(NpyDtype dtype, int[] shape, float[] floats, double[] doubles) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.doubles = doubles;
    }

    /**
     * Creates a {@link NpyDtype#FLOAT32} array from a copy of {@code data}.
     *
     * @param data elements in row-major order
     * @param shape one dimension ({@code n}) or two ({@code rows, cols}), none negative
     * @throws IllegalArgumentException if the shape is not 1-D or 2-D, has a negative dimension, or
     *     its product differs from {@code data.length}
     */
    public static NpyArray ofFloat(float[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        return wrapFloat(data.clone(), shape);
    }

    /**
     * Creates a {@link NpyDtype#FLOAT64} array from a copy of {@code data}.
     *
     * @param data elements in row-major order
     * @param shape one dimension ({@code n}) or two ({@code rows, cols}), none negative
     * @throws IllegalArgumentException if the shape is not 1-D or 2-D, has a negative dimension, or
     *     its product differs from {@code data.length}
     */
    public static NpyArray ofDouble(double[] data, int... shape) {
        Objects.requireNonNull(data, "data");
        return wrapDouble(data.clone(), shape);
    }

    /** Like {@link #ofFloat} but takes ownership of {@code data} instead of copying it. */
    static NpyArray wrapFloat(float[] data, int[] shape) {
        Objects.requireNonNull(data, "data");
        int[] checkedShape = checkedShape(shape, data.length);
        return new NpyArray(NpyDtype.FLOAT32, checkedShape, data, null);
    }

    /** Like {@link #ofDouble} but takes ownership of {@code data} instead of copying it. */
    static NpyArray wrapDouble(double[] data, int[] shape) {
        Objects.requireNonNull(data, "data");
        int[] checkedShape = checkedShape(shape, data.length);
        return new NpyArray(NpyDtype.FLOAT64, checkedShape, null, data);
    }

    private static int[] checkedShape(int[] shape, int dataLength) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length < 1 || shape.length > 2) {
            throw new IllegalArgumentException(
                    "shape must have 1 or 2 dimensions, got " + shape.length + ": " + NpyFormat.shapeRepr(shape));
        }
        long product = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyFormat.shapeRepr(shape));
            }
            product *= dim; // at most two int factors: cannot overflow a long
        }
        if (product != dataLength) {
            throw new IllegalArgumentException("shape " + NpyFormat.shapeRepr(shape) + " needs " + product
                    + " elements but data has " + dataLength);
        }
        return shape.clone();
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** The number of dimensions: 1 or 2. */
    public int rank() {
        return shape.length;
    }

    /** A copy of the shape: {@code {n}} for 1-D arrays, {@code {rows, cols}} for 2-D arrays. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of rows; a 1-D array of length {@code n} is treated as a single row (1 × n), so this is 1. */
    public int rows() {
        return shape.length == 1 ? 1 : shape[0];
    }

    /** The number of columns; for a 1-D array of length {@code n} (treated as 1 × n) this is {@code n}. */
    public int cols() {
        return shape[shape.length - 1];
    }

    /** The total number of elements, the product of the shape. */
    public int size() {
        return dtype == NpyDtype.FLOAT32 ? floats.length : doubles.length;
    }

    /**
     * A copy of the elements of a {@link NpyDtype#FLOAT32} array, row-major.
     *
     * @throws IllegalStateException if this array is {@link NpyDtype#FLOAT64}; use {@link #toFloat()} to
     *     convert with rounding
     */
    public float[] floatData() {
        return floatStorage().clone();
    }

    /**
     * A copy of the elements of a {@link NpyDtype#FLOAT64} array, row-major.
     *
     * @throws IllegalStateException if this array is {@link NpyDtype#FLOAT32}; use {@link #toDouble()} to
     *     convert
     */
    public double[] doubleData() {
        return doubleStorage().clone();
    }

    /**
     * A read-only view of the elements of a {@link NpyDtype#FLOAT32} array, without copying.
     *
     * @throws IllegalStateException if this array is {@link NpyDtype#FLOAT64}
     */
    public FloatBuffer floatBuffer() {
        return FloatBuffer.wrap(floatStorage()).asReadOnlyBuffer();
    }

    /**
     * A read-only view of the elements of a {@link NpyDtype#FLOAT64} array, without copying.
     *
     * @throws IllegalStateException if this array is {@link NpyDtype#FLOAT32}
     */
    public DoubleBuffer doubleBuffer() {
        return DoubleBuffer.wrap(doubleStorage()).asReadOnlyBuffer();
    }

    /** The elements as a new {@code float[]}; float64 values are rounded to the nearest float. */
    public float[] toFloat() {
        if (floats != null) {
            return floats.clone();
        }
        float[] result = new float[doubles.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) doubles[i];
        }
        return result;
    }

    /** The elements as a new {@code double[]}; float32 values convert exactly. */
    public double[] toDouble() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] result = new double[floats.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = floats[i];
        }
        return result;
    }

    /** The float storage itself, for writers in this package that must not copy. */
    float[] floatStorage() {
        if (floats == null) {
            throw new IllegalStateException(
                    "array is float64, not float32; use doubleData() or convert with toFloat()");
        }
        return floats;
    }

    /** The double storage itself, for writers in this package that must not copy. */
    double[] doubleStorage() {
        if (doubles == null) {
            throw new IllegalStateException(
                    "array is float32, not float64; use floatData() or convert with toDouble()");
        }
        return doubles;
    }

    /** Equal when dtype, shape and every element (compared bit-wise, so NaN equals NaN) are equal. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof NpyArray)) {
            return false;
        }
        NpyArray that = (NpyArray) other;
        return dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(floats, that.floats)
                && Arrays.equals(doubles, that.doubles);
    }

    @Override
    public int hashCode() {
        int hash = dtype.hashCode();
        hash = 31 * hash + Arrays.hashCode(shape);
        hash = 31 * hash + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(doubles));
        return hash;
    }

    /** A summary such as {@code NpyArray[float32, shape=(2, 3)]}; the elements are not listed. */
    @Override
    public String toString() {
        return "NpyArray[" + dtype.numpyName() + ", shape=" + NpyFormat.shapeRepr(shape) + "]";
    }
}
