package org.hopfield4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link NpyArray} in {@code .npy} format version 1.0, byte for byte as {@code numpy.save}
 * writes the same array: little-endian data, C order, and the header padded with spaces and a final
 * newline so that the data starts at a multiple of 64 bytes.
 */
final class NpyWriter {

    private static final int CHUNK_BYTES = 1 << 20;

    private NpyWriter() {
    }

    /** Writes the whole file to {@code out} and flushes it; {@code out} is left open. */
    static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(prefix(array.dtype(), array.shape()));
        if (array.dtype() == NpyDtype.FLOAT32) {
            writeFloats(out, array.floatStorage());
        } else {
            writeDoubles(out, array.doubleStorage());
        }
        out.flush();
    }

    /** Magic, version 1.0, header length and the padded header: everything before the data. */
    static byte[] prefix(NpyDtype dtype, int[] shape) {
        return prefix(dtype.descr(), shape);
    }

    /** As {@link #prefix(NpyDtype, int[])} for any little-endian numpy type descriptor, e.g. {@code <i8}. */
    static byte[] prefix(String descr, int[] shape) {
        String dict = NpyHeader.dictText(descr, shape);
        // numpy leaves room to rewrite the first dimension in place with up to 21 digits, which decides
        // how much padding follows; copying that keeps our files identical to numpy's.
        String growthRoom = " ".repeat(NpyFormat.GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length());
        int unpadded = NpyFormat.MIN_PREFIX_LENGTH + dict.length() + growthRoom.length() + 1; // +1: final '\n'
        // As in numpy, an already aligned header still gets a full block of padding.
        int padding = NpyFormat.ALIGNMENT - unpadded % NpyFormat.ALIGNMENT;
        String header = dict + growthRoom + " ".repeat(padding) + "\n";

        ByteBuffer prefix = ByteBuffer.allocate(NpyFormat.MIN_PREFIX_LENGTH + header.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(NpyFormat.MAGIC).put((byte) 1).put((byte) 0);
        prefix.putShort((short) header.length()); // under 200 bytes for rank <= 2: always fits version 1.0
        prefix.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return prefix.array();
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        writeChunked(out, data.length, Float.BYTES, (buffer, start, count) -> buffer.asFloatBuffer().put(data, start, count));
    }

    private static void writeDoubles(OutputStream out, double[] data) throws IOException {
        writeChunked(out, data.length, Double.BYTES, (buffer, start, count) -> buffer.asDoubleBuffer().put(data, start, count));
    }

    /** Writes {@code data} as a 1-D int64 ({@code <i8}) array and flushes; {@code out} is left open. */
    static void writeInt64(OutputStream out, long[] data) throws IOException {
        out.write(prefix("<i8", new int[] {data.length}));
        writeChunked(out, data.length, Long.BYTES, (buffer, start, count) -> buffer.asLongBuffer().put(data, start, count));
        out.flush();
    }

    /** Writes {@code data} as a 1-D int32 ({@code <i4}) array and flushes; {@code out} is left open. */
    static void writeInt32(OutputStream out, int[] data) throws IOException {
        out.write(prefix("<i4", new int[] {data.length}));
        writeChunked(out, data.length, Integer.BYTES, (buffer, start, count) -> buffer.asIntBuffer().put(data, start, count));
        out.flush();
    }

    /** Copies elements {@code [start, start + count)} of an array into {@code buffer} from its beginning. */
    @FunctionalInterface
    private interface ChunkCopy {
        void copy(ByteBuffer buffer, int start, int count);
    }

    /**
     * Writes the {@code length} elements of an array of {@code itemSize}-byte items chunk by chunk:
     * {@code copy} converts each chunk into the little-endian buffer with one bulk put (no per-element loop).
     */
    private static void writeChunked(OutputStream out, int length, int itemSize, ChunkCopy copy) throws IOException {
        ByteBuffer buffer = chunkBuffer(length, itemSize);
        int chunkElements = buffer.capacity() / itemSize;
        for (int start = 0; start < length; start += chunkElements) {
            int count = Math.min(chunkElements, length - start);
            copy.copy(buffer, start, count); // the position stays 0: only the backing array is written out
            out.write(buffer.array(), 0, count * itemSize);
        }
    }

    /** A little-endian heap buffer for bulk conversion; small arrays get a buffer of their own size. */
    private static ByteBuffer chunkBuffer(int elements, int itemSize) {
        int bytes = (int) Math.min(CHUNK_BYTES, Math.max(1L, (long) elements) * itemSize);
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
