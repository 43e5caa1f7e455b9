package org.hopfield4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a float32 or float64 {@code .npy} array a block of values at a time: the header (the whole
 * shape, known in advance) first, then the values in row-major order as they come, so memory does
 * not grow with the array (streaming retrieval). The bytes are exactly those {@link Npy#write}
 * writes. Not atomic by itself: write into a staging file ({@link OutputSet}). {@link #close()}
 * fails if fewer or more values were written than the shape holds. Not thread-safe.
 */
public final class NpyRowWriter implements AutoCloseable {
    private final OutputStream out;
    private final NpyDtype dtype;
    private final long expected;
    private final Path path;
    private long written;

    private NpyRowWriter(OutputStream out, NpyDtype dtype, long expected, Path path) {
        this.out = out;
        this.dtype = dtype;
        this.expected = expected;
        this.path = path;
    }

    /** Creates or truncates {@code path} and writes the header of a {@code dtype} array of {@code shape}. */
    public static NpyRowWriter open(Path path, NpyDtype dtype, int... shape) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(dtype, "dtype");
        long expected = 1;
        for (int dim : shape) expected *= dim;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        try {
            out.write(NpyWriter.prefix(dtype, shape));
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return new NpyRowWriter(out, dtype, expected, path);
    }

    /** Appends {@code data[from, from + length)} to a float32 array. */
    public void append(float[] data, int from, int length) throws IOException {
        write(NpyDtype.FLOAT32, length, b -> b.asFloatBuffer().put(data, from, length));
    }

    /** Appends {@code data[from, from + length)} to a float64 array. */
    public void append(double[] data, int from, int length) throws IOException {
        write(NpyDtype.FLOAT64, length, b -> b.asDoubleBuffer().put(data, from, length));
    }

    /** {@code length} values of {@code given} type, put into a little-endian buffer by {@code fill}. */
    private void write(NpyDtype given, int length, Consumer<ByteBuffer> fill) throws IOException {
        check(given, length);
        ByteBuffer b = ByteBuffer.allocate(length * given.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        out.write(b.array());
        written += length;
    }

    private void check(NpyDtype given, int length) {
        if (given != dtype) throw new IllegalArgumentException("appending " + given + " values to a " + dtype + " array");
        if (written + length > expected) {
            throw new IllegalStateException(path + ": " + (written + length) + " values, more than the " + expected
                    + " the header announced");
        }
    }

    /** Flushes and closes the file. @throws IOException if fewer values were written than announced */
    @Override
    public void close() throws IOException {
        out.close();
        if (written != expected) {
            throw new IOException(path + ": " + written + " of the " + expected + " values announced were written");
        }
    }
}
