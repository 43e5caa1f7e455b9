package org.hopfield4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.io.NpyFormatException;
import org.hopfield4j.io.NpyLayout;

/**
 * Memory stores whose patterns are a read-only memory map of a file (docs/formats.md#mapped-stores):
 * the {@code .npy} array of {@link MemoryStore#mapNpy(Path)} (float32, float64, or float16 as a half store). Only the header is read here; the
 * values are checked (finite) and measured on the store's first native use.
 */
final class MappedStores {
    private MappedStores() {}

    /** The store mapping the 2-D float32/float64 array laid out in {@code file} as {@code layout} says. */
    static MemoryStore map(Path file, NpyLayout layout, String source) throws IOException {
        int[] shape = layout.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("memories must be a 2-D array of shape (M, d), got shape "
                    + Arrays.toString(shape));
        }
        int M = shape[0], d = shape[1];
        long n = Check.matrixElements("M", M, 1, "d", d);
        boolean float16 = layout.isNativeFloat16();
        if (layout.nativeFloat() == null && !float16) {
            throw new NpyFormatException(source, "cannot memory-map " + layout.numpyName() + " data in "
                    + layout.byteOrder() + " byte order: a mapped store holds float32, float64 or float16 in this machine's"
                    + " byte order (" + java.nio.ByteOrder.nativeOrder() + "); read it with MemoryStore.fromNpy,"
                    + " which converts");
        }
        if (layout.dataOffset() % layout.itemSize() != 0) {
            throw new NpyFormatException(source, "the data starts at byte " + layout.dataOffset()
                    + ", not a multiple of its element size " + layout.itemSize() + ": it cannot be mapped");
        }
        if (float16) {  // a half store (docs/formats.md#half-stores): retrieved in float32
            return MemoryStore.mapped(M, d, StoragePrecision.FLOAT16, NativeBlock.mapShorts(file, layout.dataOffset(), n), file);
        }
        boolean f32 = layout.nativeFloat().byteSize() == Float.BYTES;
        NativeBlock block = f32 ? NativeBlock.mapFloats(file, layout.dataOffset(), n)
                : NativeBlock.mapDoubles(file, layout.dataOffset(), n);
        return MemoryStore.mapped(M, d, f32 ? StoragePrecision.FLOAT32 : StoragePrecision.FLOAT64, block, file);
    }
}
