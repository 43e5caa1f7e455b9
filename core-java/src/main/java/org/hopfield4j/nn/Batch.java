package org.hopfield4j.nn;

import java.util.Arrays;
import java.util.List;
import org.hopfield4j.internal.Check;

/**
 * What flows between layers: {@code bags} bags of at most {@code length} rows of {@code width}
 * values, float64, row-major as {@code [bag][row][column]}. Bag {@code b} holds {@code sizes[b]} real
 * rows; the rest of its {@code length} rows are padding, always zero, and masked out of every
 * association (the padding mask). A plain batch of vectors is {@code bags} bags of one row.
 *
 * <p>Immutable by convention: layers never write into a batch they received.
 */
public final class Batch {
    private final double[] values;
    private final int bags;
    private final int length;
    private final int width;
    private final int[] sizes;

    private Batch(double[] values, int bags, int length, int width, int[] sizes) {
        this.values = values;
        this.bags = bags;
        this.length = length;
        this.width = width;
        this.sizes = sizes;
    }

    /** {@code rows} vectors of {@code width} values, each its own bag of one row. */
    public static Batch rows(double[] values, int rows, int width) {
        return of(values, rows, 1, width, null);
    }

    /**
     * Bags of {@code length} rows, of which the first {@code sizes[b]} are real (null: all); the padded
     * rows of {@code values} must be zero.
     *
     * @throws IllegalArgumentException if a size is outside [1, length], values has the wrong length, or a
     *     padded row is not zero
     */
    public static Batch of(double[] values, int bags, int length, int width, int[] sizes) {
        Check.notNull(values, "values");
        Check.matrixSize("bags", bags, 1, "length", length);
        Check.matrixSize("bags * length", bags * length, 1, "width", width);
        Check.length("values", values.length, (long) bags * length * width, "bags * length * width");
        int[] s = sizes == null ? filled(bags, length) : sizes.clone();
        Check.length("sizes", s.length, bags, "one per bag");
        for (int b = 0; b < bags; b++) {
            if (s[b] < 1 || s[b] > length) {
                throw new IllegalArgumentException("sizes[" + b + "] must be in [1, " + length + "], got " + s[b]);
            }
            for (int i = (b * length + s[b]) * width; i < (b + 1) * length * width; i++) {
                if (values[i] != 0) {
                    throw new IllegalArgumentException("values of the padding of bag " + b + " must be 0, found "
                            + values[i] + " at index " + i);
                }
            }
        }
        return new Batch(values, bags, length, width, s);
    }

    /**
     * Pads variable-size bags ({@code bags.get(b)} holds n_b × width values, n_b ≥ 1) to the longest one.
     */
    public static Batch ofBags(List<double[]> bags, int width) {
        Check.notNull(bags, "bags");
        Check.positive("width", width);
        if (bags.isEmpty()) throw new IllegalArgumentException("bags must not be empty");
        int[] sizes = new int[bags.size()];
        int length = 1;
        for (int b = 0; b < sizes.length; b++) {
            double[] bag = Check.notNull(bags.get(b), "bags[" + b + "]");
            if (bag.length == 0 || bag.length % width != 0) {
                throw new IllegalArgumentException("bags[" + b + "] must hold n * width = n * " + width
                        + " values with n >= 1, got " + bag.length);
            }
            sizes[b] = bag.length / width;
            length = Math.max(length, sizes[b]);
        }
        double[] values = new double[sizes.length * length * width];
        for (int b = 0; b < sizes.length; b++) {
            System.arraycopy(bags.get(b), 0, values, b * length * width, sizes[b] * width);
        }
        return new Batch(values, sizes.length, length, width, sizes);
    }

    /** A batch of the same bags and sizes holding {@code values} ({@code width} per row), trusted to be padded. */
    Batch with(double[] newValues, int newWidth) {
        return new Batch(newValues, bags, length, newWidth, sizes);
    }

    /** A batch with this one's bag sizes that has {@code length} rows per bag: only for a full batch. */
    static Batch full(double[] values, int bags, int length, int width) {
        return new Batch(values, bags, length, width, filled(bags, length));
    }

    /** Sets the padding rows of {@code v} ({@code w} values per row, laid out like this batch) to zero. */
    void clearPadding(double[] v, int w) {
        for (int b = 0; b < bags; b++) {
            if (sizes[b] < length) Arrays.fill(v, (b * length + sizes[b]) * w, (b + 1) * length * w, 0.0);
        }
    }

    /** {@link #clearPadding(double[], int)} of float32 rows. */
    void clearPadding(float[] v, int w) {
        for (int b = 0; b < bags; b++) {
            if (sizes[b] < length) Arrays.fill(v, (b * length + sizes[b]) * w, (b + 1) * length * w, 0f);
        }
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    /** The values (the array itself: do not modify). */
    public double[] values() {
        return values;
    }

    public int bags() {
        return bags;
    }

    /** Rows per bag, padding included. */
    public int length() {
        return length;
    }

    public int width() {
        return width;
    }

    /** All rows, padding included: bags · length. */
    public int rows() {
        return bags * length;
    }

    /** The real rows of bag {@code b}. */
    public int size(int b) {
        return sizes[b];
    }

    /** The real rows of every bag (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Whether every bag is full (no padding). */
    public boolean isFull() {
        for (int s : sizes) if (s != length) return false;
        return true;
    }

    @Override
    public String toString() {
        return "Batch[" + bags + " bags x " + length + " rows x " + width + (isFull() ? "" : ", padded") + "]";
    }
}
