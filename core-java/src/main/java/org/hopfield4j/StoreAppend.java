package org.hopfield4j;

import java.nio.Buffer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RowNorms;

/**
 * {@link MemoryStore#append}: a new store in a new native block holding a store's patterns followed
 * by more, checked (finite, measured) before anything is allocated.
 */
final class StoreAppend {
    private StoreAppend() {}

    /** {@code store}'s patterns, then the {@code count} rows remaining in {@code data} (of precision {@code given}). */
    static MemoryStore appended(MemoryStore store, Buffer data, Precision given, int count) {
        check(store, given, data.remaining(), count);
        RowNorms added = new RowNorms(store.dimension());
        PatternNorms kept = store.norms();
        NativeBlock grown = PatternCopy.checkedCopy(data, data.remaining(), store.dimension(), store.elements(), added);
        copyInto(store, grown);
        return MemoryStore.allocated(store.size() + count, store.dimension(), store.storagePrecision(), grown,
                kept.with(added));
    }

    private static void check(MemoryStore store, Precision given, int length, int count) {
        if (store.isClosed()) throw new IllegalStateException(MemoryStore.CLOSED);
        if (store.storagePrecision().isHalf()) {
            throw new IllegalArgumentException("cannot append to a " + store.storagePrecision() + " memory store:"
                    + " append to the float32 store, then convert the result (toStoragePrecision)");
        }
        if (given != store.precision()) {
            throw new IllegalArgumentException("precision mismatch: appending " + given + " data to a "
                    + store.precision() + " memory store");
        }
        int d = store.dimension();
        int n = Check.matrixSize("count", count, 1, "d", d);
        Check.length("data", length, n, "count * d = " + count + " * " + d);
        long total = (long) store.size() + count;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("M + count = " + store.size() + " + " + count + " = " + total
                    + " exceeds the largest pattern count (" + Integer.MAX_VALUE + ")");
        }
    }

    /** Copies the store's patterns to the start of {@code target} (freeing target if the store is closed). */
    private static void copyInto(MemoryStore store, NativeBlock target) {
        try {
            Pointer src = store.acquire();
            try {
                // both pointers at position 0: Pointer.memcpy counts positions in bytes
                Pointer.memcpy(target.acquire("unreachable"), src, store.elements() * store.precision().bytes());
                target.release();
            } finally {
                store.release();
            }
        } catch (RuntimeException | Error e) {
            target.close();
            throw e;
        }
    }
}
