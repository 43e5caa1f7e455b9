package org.hopfield4j;

import java.util.BitSet;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RowNorms;

/**
 * The memories a separation loss runs over: a contiguous range of a store's rows (read in place,
 * no copy) or a chosen subset of rows (copied once into a native block of its own).
 *
 * <p>Every use brackets the native call with {@link #acquire()} / {@link #release()}, so closing the
 * store while a loss is being evaluated is safe (see {@link MemoryStore#close()}).
 */
final class TrainingRows implements AutoCloseable {
    private final MemoryStore store;
    private final int from;            // first row in the store (range only)
    private final int count;           // M of the loss
    private final NativeBlock copy;    // the subset's rows, or null for a range
    private final double maxNorm;      // largest Euclidean norm of a row (an upper bound for a range)

    private TrainingRows(MemoryStore store, int from, int count, NativeBlock copy, double maxNorm) {
        this.store = store;
        this.from = from;
        this.count = count;
        this.copy = copy;
        this.maxNorm = maxNorm;
    }

    /** Rows [from, to) of the store; at least two (the losses are over pairs). */
    static TrainingRows range(MemoryStore store, int from, int to) {
        Check.notNull(store, "store");
        checkOpen(store);
        checkFullWidth(store);
        int M = store.size();
        if (from < 0 || to > M || from > to) {
            throw new IllegalArgumentException("rows [from, to) = [" + from + ", " + to + ") must lie within [0, M) = [0, "
                    + M + ") of the memory store, with from <= to");
        }
        checkCount(to - from, "rows [" + from + ", " + to + ")");
        return new TrainingRows(store, from, to - from, null, store.maxNorm());
    }

    /** The store's rows at {@code indices} (distinct, in range), copied in that order. */
    static TrainingRows subset(MemoryStore store, int[] indices) {
        Check.notNull(store, "store");
        Check.notNull(indices, "indices");
        checkOpen(store);
        checkFullWidth(store);
        int M = store.size(), d = store.dimension();
        BitSet seen = new BitSet(M);
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= M) {
                throw new IllegalArgumentException("indices[" + k + "] = " + i + " is not a row of the memory store (M = " + M + ")");
            }
            if (seen.get(i)) {
                throw new IllegalArgumentException("indices[" + k + "] = " + i
                        + " repeats a row: a pattern paired with itself has distance 0 whatever W is");
            }
            seen.set(i);
        }
        checkCount(indices.length, "indices");
        Check.matrixSize("number of indices", indices.length, 2, "d", d);
        boolean f32 = store.precision() == Precision.FLOAT32;
        NativeBlock block = f32 ? NativeBlock.floats((long) indices.length * d) : NativeBlock.doubles((long) indices.length * d);
        try {
            RowNorms norms = new RowNorms(d);
            for (int k = 0; k < indices.length; k++) {
                long at = (long) k * d;
                if (f32) {
                    float[] row = store.floatPattern(indices[k]);
                    norms.add(row, 0, d);
                    block.floatPointer().getPointer(at).put(row, 0, d);
                } else {
                    double[] row = store.pattern(indices[k]);
                    norms.add(row, 0, d);
                    block.doublePointer().getPointer(at).put(row, 0, d);
                }
            }
            return new TrainingRows(store, 0, indices.length, block, norms.maxL2());
        } catch (RuntimeException | Error e) {
            block.close();
            throw e;
        }
    }

    private static void checkOpen(MemoryStore store) {
        if (store.isClosed()) {
            throw new IllegalStateException(MemoryStore.CLOSED);
        }
    }

    /** U-Hop stage I reads the rows in the store's own precision: a half store has none to offer. */
    private static void checkFullWidth(MemoryStore store) {
        if (store.storagePrecision().isHalf()) {
            throw new IllegalArgumentException("U-Hop training needs a float32 or float64 memory store, got a "
                    + store.storagePrecision() + " one: train on the float32 store (the learned kernel then"
                    + " retrieves from the half store)");
        }
    }

    private static void checkCount(int m, String what) {
        if (m < 2) {
            throw new IllegalArgumentException("the separation loss is over pairs of memories and needs M >= 2, got M = "
                    + m + " (" + what + ")");
        }
    }

    /** M, the number of memories the loss runs over. */
    int count() {
        return count;
    }

    int dimension() {
        return store.dimension();
    }

    Precision precision() {
        return store.precision();
    }

    double maxNorm() {
        return maxNorm;
    }

    /**
     * The first selected row, held until {@link #release()}: a FloatPointer for a float32 store, a
     * DoublePointer for float64.
     *
     * @throws IllegalStateException if the store (or this selection) is closed
     */
    Pointer acquire() {
        if (copy != null) {
            return copy.acquire("the selected training rows are closed");
        }
        Pointer p = store.acquire();
        long at = (long) from * store.dimension();
        if (at == 0) return p;
        return p instanceof FloatPointer f ? f.getPointer(at) : ((DoublePointer) p).getPointer(at);
    }

    void release() {
        if (copy != null) {
            copy.release();
        } else {
            store.release();
        }
    }

    /** Frees the copied subset (nothing for a range). */
    @Override
    public void close() {
        if (copy != null) copy.close();
    }
}
