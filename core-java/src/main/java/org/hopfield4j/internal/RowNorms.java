package org.hopfield4j.internal;

/**
 * The largest Euclidean and Manhattan row norms of a row-major matrix, accumulated chunk by chunk.
 * Used to bound similarity scores before native code runs, so a store or a query whose scores
 * would overflow the working precision is rejected with a message rather than producing
 * infinities or NaN deep inside a kernel.
 *
 * <p>Not part of the public API.
 */
public final class RowNorms {
    private final int cols;
    private double maxL2;
    private double maxL1;
    // the row being accumulated (chunks may end mid-row)
    private double rowSq;
    private double rowAbs;
    private int column;

    public RowNorms(int cols) {
        this.cols = cols;
    }

    /** Adds the next {@code to - from} elements of the matrix (continuing where the last call stopped). */
    public RowNorms add(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            accept(a[i]);
        }
        return this;
    }

    /** Adds the next {@code to - from} elements of the matrix. */
    public RowNorms add(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            accept(a[i]);
        }
        return this;
    }

    private void accept(double v) {
        rowSq += v * v;
        rowAbs += Math.abs(v);
        if (++column == cols) {
            column = 0;
            maxL2 = Math.max(maxL2, Math.sqrt(rowSq));
            maxL1 = Math.max(maxL1, rowAbs);
            rowSq = 0;
            rowAbs = 0;
        }
    }

    /** The largest Euclidean norm of a complete row seen so far (+Infinity if one overflowed double). */
    public double maxL2() {
        return maxL2;
    }

    /** The largest sum of absolute values of a complete row seen so far. */
    public double maxL1() {
        return maxL1;
    }

    /** Receives the norms of one row. */
    @FunctionalInterface
    public interface RowVisitor {
        void row(int row, double l2, double l1);
    }

    /**
     * Calls {@code visitor} with the Euclidean and Manhattan norm of each row of {@code a} (rows × cols,
     * row-major), in order. Nothing is allocated, so any number of rows works (no 2 × rows array).
     */
    public static void eachRow(float[] a, int rows, int cols, RowVisitor visitor) {
        for (int r = 0; r < rows; r++) {
            double sq = 0, abs = 0;
            for (int c = r * cols; c < (r + 1) * cols; c++) {
                sq += (double) a[c] * a[c];
                abs += Math.abs(a[c]);
            }
            visitor.row(r, Math.sqrt(sq), abs);
        }
    }

    /** As {@link #eachRow(float[], int, int, RowVisitor)}, in float64. */
    public static void eachRow(double[] a, int rows, int cols, RowVisitor visitor) {
        for (int r = 0; r < rows; r++) {
            double sq = 0, abs = 0;
            for (int c = r * cols; c < (r + 1) * cols; c++) {
                sq += a[c] * a[c];
                abs += Math.abs(a[c]);
            }
            visitor.row(r, Math.sqrt(sq), abs);
        }
    }
}
