package org.hopfield4j.io;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.function.BiFunction;

/**
 * Reads the data section of a {@code .npy} file, the bytes after the header, into a {@code float[]} or
 * {@code double[]} ({@link NpyElementType} says which, and converts integer, bool and float16 data).
 *
 * <p>Data is read in chunks into a buffer whose byte order is the file's; float32 and float64 are copied
 * out with {@code asFloatBuffer().get(...)} / {@code asDoubleBuffer().get(...)}, so there is no
 * per-element loop and big-endian data is swapped by the same bulk copy.
 *
 * <p>When the caller has already checked the data length against the file size the target array is
 * allocated at once. Otherwise (streams) it starts at one chunk and grows as data actually arrives, so
 * a corrupted header claiming billions of elements fails with "truncated data" instead of an
 * {@link OutOfMemoryError}.
 */
final class NpyDataReader {

    private static final int CHUNK_BYTES = 1 << 20;

    private NpyDataReader() {
    }

    /**
     * Reads exactly {@code header.dataLength()} bytes from {@code channel}.
     *
     * @param lengthVerified true if the channel is known to hold all the data, so the array can be
     *     allocated before reading
     * @param options how values are converted ({@code uint8} scaled or not)
     * @throws NpyFormatException if the channel ends before all the data is read
     */
    static NpyArray read(ReadableByteChannel channel, NpyHeader header, String source, boolean lengthVerified,
            NpyReadOptions options) throws IOException {
        int count = (int) header.elementCount(); // within ElementLimit.JAVA_ARRAY
        NpyElementType type = header.type();
        int itemSize = type.byteSize();
        int initialCapacity = lengthVerified ? count : Math.min(count, CHUNK_BYTES / itemSize);
        ElementSink<?> sink = type.readAs() == NpyDtype.FLOAT32
                ? ElementSink.floats(type, initialCapacity, count, options.scaleUint8() && type == NpyElementType.UINT8)
                : ElementSink.doubles(type, initialCapacity, count);
        if (count == 0) {
            return sink.toArray(header.shape());
        }

        long total = header.dataLength();
        long unread = total;
        int bufferSize = (int) Math.min(CHUNK_BYTES, total);
        // A file channel fills a direct buffer without an intermediate copy; a stream fills a heap array.
        ByteBuffer buffer = (channel instanceof FileChannel ? ByteBuffer.allocateDirect(bufferSize)
                : ByteBuffer.allocate(bufferSize)).order(header.byteOrder());
        int decoded = 0;
        while (decoded < count) {
            int before = buffer.position();
            // Never read past the data: what follows is checked separately as trailing garbage.
            buffer.limit((int) Math.min(buffer.capacity(), before + unread));
            boolean endOfStream = fill(channel, buffer);
            unread -= buffer.position() - before;
            buffer.flip();
            int elements = buffer.remaining() / itemSize;
            sink.append(buffer, elements);
            decoded += elements;
            buffer.compact(); // keeps a partial element for the next round
            if (endOfStream && decoded < count) {
                throw truncatedData(source, header, total - unread);
            }
        }
        return sink.toArray(header.shape());
    }

    /**
     * Reads until {@code buffer} is full or the channel ends.
     *
     * @return true if the channel ended
     */
    static boolean fill(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Consumes the rest of a stream and fails if there was anything left after the data. */
    static void checkNothingFollows(ReadableByteChannel channel, NpyHeader header, String source)
            throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(8192);
        long extra = 0;
        int read;
        while ((read = channel.read(scratch)) >= 0) {
            extra += read;
            scratch.clear();
        }
        if (extra > 0) {
            throw trailingBytes(source, header, extra);
        }
    }

    static NpyFormatException truncatedData(String source, NpyHeader header, long found) {
        return new NpyFormatException(source, "truncated data: expected " + header.dataLength() + " bytes for "
                + header.describe() + ", found " + found);
    }

    static NpyFormatException trailingBytes(String source, NpyHeader header, long extra) {
        return new NpyFormatException(source, extra + " unexpected bytes after the data (expected the file to end"
                + " after the " + header.dataLength() + " data bytes of " + header.describe() + ")");
    }

    /**
     * Collects decoded elements into a growing primitive array {@code A} ({@code float[]} or
     * {@code double[]}).
     */
    private static final class ElementSink<A> {
        /** Decodes {@code n} elements at the buffer's position (advancing it) into {@code dst[off..]}. */
        @FunctionalInterface
        interface Decoder<A> {
            void decode(ByteBuffer src, int n, A dst, int off);
        }

        private final Decoder<A> decoder;
        private final BiFunction<A, int[], NpyArray> wrap;
        private final int declared;
        private A data;
        private int capacity;
        private int size;

        ElementSink(A initial, int declared, Decoder<A> decoder, BiFunction<A, int[], NpyArray> wrap) {
            this.data = initial;
            this.capacity = Array.getLength(initial);
            this.declared = declared;
            this.decoder = decoder;
            this.wrap = wrap;
        }

        /** {@code scaled}: every value divided by 255 as it is decoded (uint8 images to [0, 1]). */
        static ElementSink<float[]> floats(NpyElementType type, int initialCapacity, int declared, boolean scaled) {
            Decoder<float[]> decoder = scaled ? (src, n, dst, off) -> {
                type.decode(src, n, dst, off);
                for (int i = off; i < off + n; i++) {
                    dst[i] /= 255f; // v and 255 are exact floats, so the quotient is correctly rounded
                }
            } : type::decode;
            return new ElementSink<>(new float[initialCapacity], declared, decoder, NpyArray::wrapFloat);
        }

        static ElementSink<double[]> doubles(NpyElementType type, int initialCapacity, int declared) {
            return new ElementSink<>(new double[initialCapacity], declared, type::decode, NpyArray::wrapDouble);
        }

        /** Decodes {@code elements} items from {@code buffer}'s position and advances it. */
        void append(ByteBuffer buffer, int elements) {
            if (size + elements > capacity) {
                grow((int) Math.min(declared, Math.max(size + elements, 2L * capacity))); // doubling, never past the declared count
            }
            decoder.decode(buffer, elements, data, size);
            size += elements;
        }

        NpyArray toArray(int[] shape) {
            return wrap.apply(data, shape);
        }

        @SuppressWarnings("unchecked") // a new array of data's own component type is an A
        private void grow(int newCapacity) {
            A grown = (A) Array.newInstance(data.getClass().getComponentType(), newCapacity);
            System.arraycopy(data, 0, grown, 0, size);
            data = grown;
            capacity = newCapacity;
        }
    }
}
