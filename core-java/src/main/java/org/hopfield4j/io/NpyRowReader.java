package org.hopfield4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads a 1-D or 2-D {@code .npy} array a block of rows at a time, converting each block as
 * {@link Npy#read(Path, NpyReadOptions)} converts the whole array: memory does not grow with the
 * number of rows (streaming retrieval, docs/cli.md#retrieve). The header is validated as
 * {@link Npy#read} validates it, except that the array may exceed one Java array (each block must
 * fit one); a 1-D array is one row. A regular file's length is checked against the header at
 * opening; anything else (a pipe) is checked as it is read: truncated data, or bytes after the data,
 * fail the block that finds them. Not thread-safe.
 */
public final class NpyRowReader implements AutoCloseable {
    private final FileChannel channel;
    private final String source;
    private final NpyHeader header;
    private final NpyReadOptions options;
    private final boolean sizeKnown;
    private final int rows;
    private final int cols;
    private int read;

    private NpyRowReader(FileChannel channel, String source, NpyHeader header, NpyReadOptions options, boolean sizeKnown) {
        this.channel = channel;
        this.source = source;
        this.header = header;
        this.options = options;
        this.sizeKnown = sizeKnown;
        int[] shape = header.shape();
        this.rows = shape.length == 1 ? 1 : shape[0];
        this.cols = shape.length == 1 ? shape[0] : shape[1];
    }

    /**
     * Opens {@code path} and reads its header.
     *
     * @throws NpyFormatException if the header is not a supported {@code .npy} header, or a regular
     *     file's length does not match it
     * @throws IOException if the file cannot be read
     */
    public static NpyRowReader open(Path path, NpyReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long knownSize = Files.isRegularFile(path) ? channel.size() : -1;
            NpyHeader header = NpyReader.readHeader(channel, path.toString(), knownSize, NpyHeader.ElementLimit.MAPPED)
                    .header();
            return new NpyRowReader(channel, path.toString(), header, options, knownSize >= 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The array's shape as in the file ((n,) or (rows, cols)). */
    public int[] shape() {
        return header.shape();
    }

    /** The number of rows (1 for a 1-D array). */
    public int rows() {
        return rows;
    }

    /** The number of columns (the length of a 1-D array). */
    public int cols() {
        return cols;
    }

    /** The precision the values are read as ({@link NpyArray#dtype()} of every block). */
    public NpyDtype dtype() {
        return header.type().readAs();
    }

    /** The rows read so far. */
    public int rowsRead() {
        return read;
    }

    /**
     * The next {@code min(maxRows, rows left)} rows as a (n, cols) array; n = 0 once every row was read.
     *
     * @throws NpyFormatException if the data ends early or, after the last row, continues
     * @throws IllegalArgumentException if maxRows &lt; 1 or a block of maxRows rows exceeds a Java array
     */
    public NpyArray next(int maxRows) throws IOException {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        int n = Math.min(maxRows, rows - read);
        long elements = (long) n * cols;
        if (elements > NpyFormat.MAX_ELEMENTS) {
            throw new IllegalArgumentException("a block of " + n + " rows of " + cols + " values exceeds a Java array");
        }
        NpyElementType type = header.type();
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(elements * type.byteSize())).order(header.byteOrder());
        if (NpyDataReader.fill(channel, bytes)) {
            long before = (long) read * cols * type.byteSize();
            throw NpyDataReader.truncatedData(source, header, before + bytes.position());
        }
        bytes.flip();
        read += n;
        if (read == rows && !sizeKnown) NpyDataReader.checkNothingFollows(channel, header, source);
        int count = (int) elements;
        if (type.readAs() == NpyDtype.FLOAT32) {
            float[] data = new float[count];
            type.decode(bytes, count, data, 0);
            if (options.scaleUint8() && type == NpyElementType.UINT8) {
                for (int i = 0; i < count; i++) data[i] /= 255f; // as NpyDataReader: correctly rounded
            }
            return NpyArray.ofFloat(data, n, cols);
        }
        double[] data = new double[count];
        type.decode(bytes, count, data, 0);
        return NpyArray.ofDouble(data, n, cols);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
