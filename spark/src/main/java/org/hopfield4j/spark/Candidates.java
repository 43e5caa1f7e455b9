package org.hopfield4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Per query, a list of (global pattern id, value) pairs in CSR form: a shard's candidates with their
 * scores, or merged weights. Immutable once built; {@link Builder} appends row by row.
 */
final class Candidates implements Serializable {
    private static final long serialVersionUID = 1L;

    final int rows;
    final long[] offsets;
    final long[] ids;
    final double[] values;

    Candidates(int rows, long[] offsets, long[] ids, double[] values) {
        this.rows = rows;
        this.offsets = offsets;
        this.ids = ids;
        this.values = values;
    }

    int rowSize(int b) {
        return (int) (offsets[b + 1] - offsets[b]);
    }

    /** Row b of every part, one after the other, for every b (the parts have the same rows). */
    static Candidates concat(List<Candidates> parts, int rows) {
        Builder out = new Builder(rows);
        for (int b = 0; b < rows; b++) {
            for (Candidates c : parts) {
                for (long k = c.offsets[b]; k < c.offsets[b + 1]; k++) out.add(c.ids[(int) k], c.values[(int) k]);
            }
            out.endRow();
        }
        return out.build();
    }

    /** Grows the CSR arrays row by row. */
    static final class Builder {
        private final long[] offsets;
        private long[] ids = new long[16];
        private double[] values = new double[16];
        private int size;
        private int row;

        Builder(int rows) {
            offsets = new long[rows + 1];
        }

        void add(long id, double value) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            ids[size] = id;
            values[size++] = value;
        }

        void endRow() {
            offsets[++row] = size;
        }

        Candidates build() {
            if (row != offsets.length - 1) throw new IllegalStateException("rows ended: " + row + " of " + (offsets.length - 1));
            return new Candidates(row, offsets, Arrays.copyOf(ids, size), Arrays.copyOf(values, size));
        }
    }
}
