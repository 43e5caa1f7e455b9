package org.hopfield4j;

import java.util.Arrays;
import java.util.Objects;

/**
 * The association weights p = Sep(β·s) of a batch, one row per query over the M stored patterns,
 * in compressed sparse row (CSR) form: row i holds the entries {@code offsets[i] .. offsets[i+1])}
 * of {@code indices} (pattern numbers, increasing) and {@code values} (the weights).
 *
 * <p>Sparse maps (sparsemax, entmax, poly-n) store only the entries with p &gt; 0, their support;
 * softmax stores all M entries of every row (some may have underflowed to 0). The values of a row
 * sum to 1 up to rounding (poly-n: or are all absent, when no similarity is positive).
 *
 * <p>Values are kept in the precision of the store; the accessors return doubles (exact). Immutable:
 * every array accessor returns a copy.
 */
public final class SparseWeights {
    private final int rows;
    private final int columns;
    private final long[] offsets;
    private final int[] indices;
    private final float[] floatValues;   // exactly one of the two is non-null
    private final double[] doubleValues;

    private SparseWeights(int rows, int columns, long[] offsets, int[] indices, float[] f, double[] d) {
        this.rows = rows;
        this.columns = columns;
        this.offsets = offsets;
        this.indices = indices;
        this.floatValues = f;
        this.doubleValues = d;
    }

    /** Wraps the CSR arrays of a float32 retrieval (taken, not copied); entries beyond offsets[rows] are dropped. */
    static SparseWeights ofFloat(int rows, int columns, long[] offsets, int[] indices, float[] values) {
        int nnz = (int) offsets[rows];
        return new SparseWeights(rows, columns, offsets, trim(indices, nnz),
                values.length == nnz ? values : Arrays.copyOf(values, nnz), null);
    }

    /** Wraps the CSR arrays of a float64 retrieval (taken, not copied). */
    static SparseWeights ofDouble(int rows, int columns, long[] offsets, int[] indices, double[] values) {
        int nnz = (int) offsets[rows];
        return new SparseWeights(rows, columns, offsets, trim(indices, nnz), null,
                values.length == nnz ? values : Arrays.copyOf(values, nnz));
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    /** The number of rows (queries). */
    public int rows() {
        return rows;
    }

    /** The number of columns (stored patterns, M). */
    public int columns() {
        return columns;
    }

    /** The precision of the values. */
    public Precision precision() {
        return floatValues != null ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** The number of stored entries over all rows. */
    public long entryCount() {
        return offsets[rows];
    }

    /** The number of stored entries of row {@code i} (for sparse maps: the support size). */
    public int rowSize(int i) {
        Objects.checkIndex(i, rows);
        return (int) (offsets[i + 1] - offsets[i]);
    }

    /** The pattern numbers of the stored entries of row {@code i}, increasing. */
    public int[] rowIndices(int i) {
        Objects.checkIndex(i, rows);
        return Arrays.copyOfRange(indices, (int) offsets[i], (int) offsets[i + 1]);
    }

    /** The weights of the stored entries of row {@code i}, in the order of {@link #rowIndices(int)}. */
    public double[] rowValues(int i) {
        Objects.checkIndex(i, rows);
        int from = (int) offsets[i], to = (int) offsets[i + 1];
        double[] out = new double[to - from];
        for (int k = from; k < to; k++) out[k - from] = value(k);
        return out;
    }

    /** Row {@code i} as a dense array of M weights (zeros off the stored entries). */
    public double[] denseRow(int i) {
        Objects.checkIndex(i, rows);
        double[] out = new double[columns];
        for (int k = (int) offsets[i]; k < offsets[i + 1]; k++) out[indices[k]] = value(k);
        return out;
    }

    /** The weight of pattern {@code column} for query {@code row} (0 if not stored). */
    public double get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        int from = (int) offsets[row], to = (int) offsets[row + 1];
        int k = Arrays.binarySearch(indices, from, to, column);
        return k >= 0 ? value(k) : 0;
    }

    /** A copy of the row offsets (rows + 1 entries, offsets[0] = 0). */
    public long[] offsets() {
        return offsets.clone();
    }

    /** A copy of the pattern numbers of all entries, row after row. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the weights of all entries as doubles (exact). */
    public double[] values() {
        if (doubleValues != null) return doubleValues.clone();
        double[] out = new double[floatValues.length];
        for (int k = 0; k < out.length; k++) out[k] = floatValues[k];
        return out;
    }

    /**
     * A copy of the weights of a float32 retrieval.
     *
     * @throws IllegalStateException if the values are float64 (use {@link #values()})
     */
    public float[] floatValues() {
        if (floatValues == null) {
            throw new IllegalStateException("weights are float64, not float32; use values()");
        }
        return floatValues.clone();
    }

    private double value(int k) {
        return floatValues != null ? floatValues[k] : doubleValues[k];
    }

    @Override
    public String toString() {
        return "SparseWeights[" + rows + " x " + columns + ", " + entryCount() + " entries, " + precision() + "]";
    }
}
