package org.hopfield4j;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.HalfKernels;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RowNorms;

/**
 * Moves patterns between Java and the native memory of a {@link MemoryStore}, chunk by chunk, for
 * every storage precision through one code path (a float32 store's data is a {@link FloatBuffer}, a float64
 * store's a {@link DoubleBuffer}; arrays are wrapped). Values are checked (finite, with their row and
 * column) and measured (largest norms) on the way in, before any native memory is allocated.
 */
final class PatternCopy {
    /** Elements per chunk (4 MiB of floats). */
    static final int CHUNK = 1 << 20;

    private PatternCopy() {}

    /**
     * Checks the n values remaining in {@code data} (rows of d) and adds their norms to {@code norms},
     * then copies them to a new native block of {@code extra + n} elements, starting at {@code extra}.
     * The buffer's position is not changed.
     */
    static NativeBlock checkedCopy(Buffer data, int n, int d, long extra, RowNorms norms) {
        boolean f32 = data instanceof FloatBuffer;
        Object chunk = f32 ? new float[Math.min(CHUNK, n)] : new double[Math.min(CHUNK, n)];
        int step = java.lang.reflect.Array.getLength(chunk);
        Buffer src = data.duplicate();
        for (int from = 0; from < n; from += step) {   // validate everything before allocating
            int len = Math.min(step, n - from);
            read(src, chunk, len);
            if (chunk instanceof float[] c) {
                Check.finiteMatrix("data", c, 0, len, from, d);
                norms.add(c, 0, len);
            } else {
                double[] c = (double[]) chunk;
                Check.finiteMatrix("data", c, 0, len, from, d);
                norms.add(c, 0, len);
            }
        }
        NativeBlock block = f32 ? NativeBlock.floats(extra + n) : NativeBlock.doubles(extra + n);
        src = data.duplicate();
        for (int from = 0; from < n; from += step) {
            int len = Math.min(step, n - from);
            read(src, chunk, len);
            if (chunk instanceof float[] c) block.floatPointer().getPointer(extra + from).put(c, 0, len);
            else block.doublePointer().getPointer(extra + from).put((double[]) chunk, 0, len);
        }
        return block;
    }

    private static void read(Buffer src, Object chunk, int len) {
        if (chunk instanceof float[] c) ((FloatBuffer) src).get(c, 0, len);
        else ((DoubleBuffer) src).get((double[]) chunk, 0, len);
    }

    /**
     * d of an array of rows (float[][] or double[][]): every row non-null and of the length of the
     * first, M ≥ 1, and M · d within a Java array.
     */
    static int rowDimension(Object[] rows) {
        Check.notNull(rows, "rows");
        if (rows.length < 1) {
            throw new IllegalArgumentException("M must be >= 1, got " + rows.length + " (rows is empty)");
        }
        if (rows[0] == null) {
            throw new NullPointerException("rows[0] must not be null");
        }
        int d = java.lang.reflect.Array.getLength(rows[0]);
        Check.matrixSize("M", rows.length, 1, "d", d);
        for (int r = 1; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new NullPointerException("rows[" + r + "] must not be null");
            }
            int length = java.lang.reflect.Array.getLength(rows[r]);
            if (length != d) {
                throw new IllegalArgumentException("rows[" + r + "] has length " + length
                        + ", expected " + d + " (the length of rows[0]): every pattern must have the same dimension");
            }
        }
        return d;
    }

    /**
     * The row norms of the n values of a store's block (rows of d), checking each is finite; {@code name}
     * names the matrix in the message. Chunk by chunk, so n may exceed a Java array.
     */
    static RowNorms measure(NativeBlock block, StoragePrecision storage, long n, int d, String name) {
        RowNorms norms = new RowNorms(d);
        int step = (int) Math.min(CHUNK, n);
        float[] fc = storage != StoragePrecision.FLOAT64 ? new float[step] : null;
        double[] dc = fc == null ? new double[step] : null;
        for (long from = 0; from < n; from += step) {
            int len = (int) Math.min(step, n - from);
            if (fc != null) {
                readFloats(block, storage, from, fc, len);
                Check.finiteMatrix(name, fc, 0, len, from, d);
                norms.add(fc, 0, len);
            } else {
                block.doublePointer().getPointer(from).get(dc, 0, len);
                Check.finiteMatrix(name, dc, 0, len, from, d);
                norms.add(dc, 0, len);
            }
        }
        return norms;
    }

    /**
     * {@code length} values from {@code offset} of a float32 or half store's block into {@code out} as
     * floats (a half store's widened exactly, through a native buffer).
     */
    static void readFloats(NativeBlock block, StoragePrecision storage, long offset, float[] out, int length) {
        if (!storage.isHalf()) {
            block.floatPointer().getPointer(offset).get(out, 0, length);
            return;
        }
        try (FloatPointer wide = new FloatPointer(length)) {
            HalfKernels.widen(block.shortPointer().getPointer(offset), wide, length, storage.nativeCode());
            wide.get(out, 0, length);
        }
    }

    /** {@code length} values from {@code offset} of a store's block as floats (float64 rounded). */
    static float[] toFloat(NativeBlock block, StoragePrecision storage, long offset, int length) {
        float[] out = new float[length];
        if (storage == StoragePrecision.FLOAT32) {
            block.floatPointer().getPointer(offset).get(out, 0, length);
            return out;
        }
        if (storage.isHalf()) {  // widened a chunk at a time (the native buffer stays small)
            float[] chunk = new float[Math.min(CHUNK, length)];
            for (int from = 0; from < length; from += chunk.length) {
                int len = Math.min(chunk.length, length - from);
                readFloats(block, storage, offset + from, chunk, len);
                System.arraycopy(chunk, 0, out, from, len);
            }
            return out;
        }
        double[] chunk = new double[Math.min(CHUNK, length)];
        for (int from = 0; from < length; from += chunk.length) {
            int len = Math.min(chunk.length, length - from);
            block.doublePointer().getPointer(offset + from).get(chunk, 0, len);
            for (int i = 0; i < len; i++) out[from + i] = (float) chunk[i];
        }
        return out;
    }

    /** {@code length} values from {@code offset} of a store's block as doubles (exact). */
    static double[] toDouble(NativeBlock block, StoragePrecision storage, long offset, int length) {
        double[] out = new double[length];
        if (storage == StoragePrecision.FLOAT64) {
            block.doublePointer().getPointer(offset).get(out, 0, length);
            return out;
        }
        float[] chunk = new float[Math.min(CHUNK, length)];
        for (int from = 0; from < length; from += chunk.length) {
            int len = Math.min(chunk.length, length - from);
            readFloats(block, storage, offset + from, chunk, len);
            for (int i = 0; i < len; i++) out[from + i] = chunk[i];
        }
        return out;
    }
}
