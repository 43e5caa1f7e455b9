package org.hopfield4j.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;

/**
 * Argument validation shared by the public API. Every check throws before any native call, with a
 * message naming the argument, what was expected and what came.
 *
 * <p>Not part of the public API.
 */
public final class Check {
    private Check() {}

    /** Throws {@link NullPointerException} naming {@code name} if {@code value} is null. */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** Rows and row length of a batch; returns rows * n, which must fit in an int. */
    public static int batchSize(int rows, int n) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (n < 1) {
            throw new IllegalArgumentException("row length n must be >= 1, got " + n);
        }
        long size = (long) rows * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "rows * n = " + rows + " * " + n + " = " + size + " exceeds the largest Java array ("
                            + (Integer.MAX_VALUE - 8) + ")");
        }
        return (int) size;
    }

    public static void length(String name, int actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    name + " has length " + actual + ", expected " + expected + " (" + what + ")");
        }
    }

    /** beta (the inverse temperature) must be finite and > 0. */
    public static double beta(double beta) {
        return positiveFinite("beta", beta);
    }

    /** alpha of alpha-entmax must be finite and > 1 (use softmax for alpha = 1). */
    public static double alpha(double alpha, String name) {
        if (!(alpha > 1) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(name + " must be finite and > 1 (use softmax for alpha = 1), got " + alpha);
        }
        return alpha;
    }

    /**
     * Scores may be finite or -infinity (masked); NaN and +infinity are rejected with the index of
     * the first bad value. Also rejects beta * |score| overflowing double, which would turn a
     * finite score into an infinity inside the kernel.
     */
    public static void scores(String name, float[] z, double beta) {
        float maxAbs = 0f;
        for (int i = 0; i < z.length; i++) {
            float v = z[i];
            if (v != v || v == Float.POSITIVE_INFINITY) {
                throw badScore(name, i, v);
            }
            if (v != Float.NEGATIVE_INFINITY) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        scaled(name, maxAbs, beta);
    }

    public static void scores(String name, double[] z, double beta) {
        double maxAbs = 0;
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            if (v != v || v == Double.POSITIVE_INFINITY) {
                throw badScore(name, i, v);
            }
            if (v != Double.NEGATIVE_INFINITY) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        scaled(name, maxAbs, beta);
    }

    public static void scores(String name, FloatBuffer z, int size, double beta) {
        int base = z.position();
        float maxAbs = 0f;
        for (int i = 0; i < size; i++) {
            float v = z.get(base + i);
            if (v != v || v == Float.POSITIVE_INFINITY) {
                throw badScore(name, i, v);
            }
            if (v != Float.NEGATIVE_INFINITY) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        scaled(name, maxAbs, beta);
    }

    public static void scores(String name, DoubleBuffer z, int size, double beta) {
        int base = z.position();
        double maxAbs = 0;
        for (int i = 0; i < size; i++) {
            double v = z.get(base + i);
            if (v != v || v == Double.POSITIVE_INFINITY) {
                throw badScore(name, i, v);
            }
            if (v != Double.NEGATIVE_INFINITY) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        scaled(name, maxAbs, beta);
    }

    /** Every value finite (gradients, probabilities); index of the first bad one otherwise. */
    public static void finite(String name, float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + a[i] + ": expected a finite value");
            }
        }
    }

    public static void finite(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + a[i] + ": expected a finite value");
            }
        }
    }

    public static void finite(String name, FloatBuffer a, int size) {
        int base = a.position();
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(a.get(base + i))) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + a.get(base + i) + ": expected a finite value");
            }
        }
    }

    public static void finite(String name, DoubleBuffer a, int size) {
        int base = a.position();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(a.get(base + i))) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + a.get(base + i) + ": expected a finite value");
            }
        }
    }

    /**
     * A buffer handed to native code: direct, native byte order, {@code size} elements remaining
     * from its position, and writable when the kernel writes it.
     */
    public static void buffer(String name, Buffer b, long size, boolean written) {
        notNull(b, name);
        if (!b.isDirect()) {
            throw new IllegalArgumentException(name + " must be a direct buffer (use the array overload for heap data)");
        }
        ByteOrder order = byteOrder(b);
        if (order != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(name + " has byte order " + order + ", expected the native order "
                    + ByteOrder.nativeOrder() + " (use ByteBuffer.order(ByteOrder.nativeOrder()))");
        }
        if (b.remaining() != size) {
            throw new IllegalArgumentException(name + " has " + b.remaining() + " elements remaining, expected " + size);
        }
        if (written && b.isReadOnly()) {
            throw new IllegalArgumentException(name + " is read-only but the result is written into it");
        }
    }

    private static ByteOrder byteOrder(Buffer b) {
        if (b instanceof FloatBuffer f) return f.order();
        if (b instanceof DoubleBuffer d) return d.order();
        if (b instanceof IntBuffer i) return i.order();
        return ByteOrder.nativeOrder(); // a ByteBuffer of bytes has no element order that matters
    }

    /** The largest Java array length the JVM reliably allocates. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * The shape of a row-major matrix argument that lives in one Java array: {@code rows >= minRows},
     * {@code cols >= 1}, and rows * cols fitting in one Java array. Returns rows * cols.
     */
    public static int matrixSize(String rowsName, int rows, int minRows, String colsName, int cols) {
        return arrayLength(rowsName + " * " + colsName + " = " + rows + " * " + cols,
                matrixElements(rowsName, rows, minRows, colsName, cols));
    }

    /**
     * The shape of a row-major matrix in native memory or a file (a memory store): {@code rows >=
     * minRows}, {@code cols >= 1}. Returns rows * cols as a long: no Java array limits it.
     */
    public static long matrixElements(String rowsName, int rows, int minRows, String colsName, int cols) {
        if (rows < minRows) {
            throw new IllegalArgumentException(rowsName + " must be >= " + minRows + ", got " + rows);
        }
        if (cols < 1) {
            throw new IllegalArgumentException(colsName + " must be >= 1, got " + cols);
        }
        return (long) rows * cols;
    }

    /**
     * {@code length} elements (described by {@code what}, e.g. "M * d = 3 * 4") as the length of a Java
     * array about to be allocated.
     *
     * @throws IllegalArgumentException if it exceeds {@link #MAX_ARRAY_LENGTH}
     */
    public static int arrayLength(String what, long length) {
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " = " + length + " exceeds the largest Java array ("
                    + MAX_ARRAY_LENGTH + ")");
        }
        return (int) length;
    }

    /**
     * Every element of a row-major matrix with {@code cols} columns is finite; otherwise names the
     * (row, column) of the first bad one. {@code base} is the flat index of {@code a[from]} in the
     * whole matrix (for data checked chunk by chunk).
     */
    public static void finiteMatrix(String name, float[] a, int from, int to, long base, int cols) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(a[i])) {
                throw notFinite(name, a[i], base + i - from, cols);
            }
        }
    }

    /** As {@link #finiteMatrix(String, float[], int, int, long, int)}, in float64. */
    public static void finiteMatrix(String name, double[] a, int from, int to, long base, int cols) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(a[i])) {
                throw notFinite(name, a[i], base + i - from, cols);
            }
        }
    }

    /** Every element of the whole row-major matrix {@code a} is finite, else the (row, column) of the first bad one. */
    public static void finiteMatrix(String name, float[] a, int cols) {
        finiteMatrix(name, a, 0, a.length, 0, cols);
    }

    /** Every element of the whole row-major matrix {@code a} is finite, else the (row, column) of the first bad one. */
    public static void finiteMatrix(String name, double[] a, int cols) {
        finiteMatrix(name, a, 0, a.length, 0, cols);
    }

    /** A count that must be >= 0 (e.g. a number of steps). */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /**
     * A number of training epochs: >= 0, and small enough that the loss history of N + 1 values is a
     * Java array (N = Integer.MAX_VALUE would overflow N + 1 into a negative array size).
     */
    public static int epochs(String name, int value) {
        nonNegative(name, value);
        if (value > MAX_ARRAY_LENGTH - 1) {
            throw new IllegalArgumentException(name + " must be <= " + (MAX_ARRAY_LENGTH - 1)
                    + " (the loss history holds N + 1 values in one array), got " + value);
        }
        return value;
    }

    /** A count or size that must be >= 1 (threads, a feature dimension, a block size). */
    public static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    /** As {@link #positive(String, long)}, for an int. */
    public static int positive(String name, int value) {
        return (int) positive(name, (long) value);
    }

    /** Counts for a sweep axis, each checked by {@link #positive(String, int)} as "every {@code name}", sorted without repeats. */
    public static List<Integer> counts(String name, List<Integer> values) {
        for (int v : notNull(values, name)) positive("every " + name, v);
        return values.stream().distinct().sorted().toList();
    }

    /** A tolerance: finite and >= 0. */
    public static double tolerance(String name, double value) {
        return nonNegativeFinite(name, value);
    }

    /** A parameter that must be finite and >= 0 (a tolerance, a noise norm, a threshold). */
    public static double nonNegativeFinite(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** A value in [0, 1): a masking probability (1 would mask everything), Adam's beta1 and beta2. */
    public static double halfOpenUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** A parameter that must be finite and > 0. */
    public static double positiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    private static IllegalArgumentException notFinite(String name, double v, long index, int cols) {
        return new IllegalArgumentException(name + " has " + v + " at (row " + index / cols + ", column "
                + index % cols + "): expected finite values");
    }

    private static IllegalArgumentException badScore(String name, int index, double v) {
        return new IllegalArgumentException(name + "[" + index + "] = " + v
                + ": scores must be finite, or -Infinity for a masked entry");
    }

    private static void scaled(String name, double maxAbs, double beta) {
        if (Double.isInfinite(maxAbs * beta)) {
            throw new IllegalArgumentException("beta * " + name + " overflows: beta = " + beta
                    + ", max |" + name + "| = " + maxAbs);
        }
    }
}
