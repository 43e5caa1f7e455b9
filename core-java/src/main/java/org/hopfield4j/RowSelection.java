package org.hopfield4j;

import java.util.Arrays;
import org.hopfield4j.internal.Check;

/**
 * Which memories of a store U-Hop's stage I trains on: all of them (the paper), a contiguous range,
 * the first ⌊M/2⌋ (the authors' masking scripts) or chosen rows. Immutable; checked against the store
 * when the trainer runs. A range is read in place; chosen rows are copied once.
 */
public abstract sealed class RowSelection permits RowSelection.All, RowSelection.Range, RowSelection.FirstHalf,
        RowSelection.Indices {
    private static final RowSelection ALL = new All();
    private static final RowSelection FIRST_HALF = new FirstHalf();

    private RowSelection() {}

    /** Every memory of the store (the default). */
    public static RowSelection all() {
        return ALL;
    }

    /** The store's rows [from, to), at least two. */
    public static RowSelection range(int from, int to) {
        return new Range(from, to);
    }

    /** The first ⌊M/2⌋ rows of the store (the authors' masking scripts). */
    public static RowSelection firstHalf() {
        return FIRST_HALF;
    }

    /** The rows at {@code indices} (at least two, distinct: checked against the store when training). */
    public static RowSelection indices(int... indices) {
        return new Indices(indices);
    }

    /** The smallest store size M for which this selection holds the two memories a loss over pairs needs. */
    public abstract int minimumMemories();

    /** The selection in words, for protocols. */
    public abstract String describe();

    /** Opens the selected rows of {@code store} for the separation loss (close them after training). */
    abstract TrainingRows open(MemoryStore store);

    static final class All extends RowSelection {
        @Override public int minimumMemories() { return 2; }
        @Override public String describe() { return "all memories (paper)"; }
        @Override TrainingRows open(MemoryStore store) { return TrainingRows.range(store, 0, store.size()); }
    }

    static final class FirstHalf extends RowSelection {
        @Override public int minimumMemories() { return 4; }
        @Override public String describe() { return "the first half of the memories (authors' code)"; }
        @Override TrainingRows open(MemoryStore store) { return TrainingRows.range(store, 0, store.size() / 2); }
    }

    static final class Range extends RowSelection {
        private final int from;
        private final int to;

        Range(int from, int to) {
            if (from < 0 || to - from < 2) {
                throw new IllegalArgumentException("rows [from, to) = [" + from + ", " + to
                        + ") must have from >= 0 and select at least 2 memories");
            }
            this.from = from;
            this.to = to;
        }

        @Override public int minimumMemories() { return to; }
        @Override public String describe() { return "rows [" + from + ", " + to + ")"; }
        @Override TrainingRows open(MemoryStore store) { return TrainingRows.range(store, from, to); }
        @Override public boolean equals(Object o) { return o instanceof Range r && r.from == from && r.to == to; }
        @Override public int hashCode() { return 31 * from + to; }
    }

    static final class Indices extends RowSelection {
        private final int[] indices;

        Indices(int[] indices) {
            Check.notNull(indices, "indices");
            if (indices.length < 2) {
                throw new IllegalArgumentException("indices must select at least 2 memories, got " + indices.length);
            }
            this.indices = indices.clone();
        }

        @Override public int minimumMemories() { return Arrays.stream(indices).max().orElse(0) + 1; }
        @Override public String describe() { return indices.length + " chosen memories"; }
        @Override TrainingRows open(MemoryStore store) { return TrainingRows.subset(store, indices); }
        @Override public boolean equals(Object o) { return o instanceof Indices i && Arrays.equals(i.indices, indices); }
        @Override public int hashCode() { return Arrays.hashCode(indices); }
    }
}
