package org.hopfield4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and writes NumPy {@code .npy} files holding 1-D or 2-D {@code float32} / {@code float64} arrays.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, little- and big-endian data ({@code <f4},
 * {@code <f8}, {@code >f4}, {@code >f8}) in C order. Anything else, and any inconsistency between header
 * and data, fails with an {@link NpyFormatException} naming the file, what was expected and what was
 * found; a corrupted header never makes the reader allocate more than the input actually holds.
 *
 * <p>Writing produces exactly the bytes {@code numpy.save} would: format 1.0, little-endian,
 * {@code 'fortran_order': False}, data aligned to 64 bytes. Writing to a path is atomic.
 *
 * <pre>{@code
 * NpyArray patterns = Npy.read(Path.of("patterns.npy"));   // e.g. shape (100, 784) float32
 * float[] data = patterns.floatData();
 * Npy.write(Path.of("out.npy"), data, patterns.rows(), patterns.cols());
 * }</pre>
 */
public final class Npy {

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file. For a regular file the size is checked against the header before the
     * data array is allocated. Anything else that can be opened for reading (a named pipe,
     * {@code /dev/stdin}, a character device) has no size to check and is read as a stream, as
     * {@link #read(InputStream, String)} does: to its end, the array growing only as data arrives.
     *
     * @throws NpyFormatException if the file is not a supported, well-formed {@code .npy} array
     * @throws IOException if the file cannot be read
     */
    public static NpyArray read(Path path) throws IOException {
        return read(path, NpyReadOptions.DEFAULT);
    }

    /**
     * Reads a {@code .npy} file, converting as {@code options} say (e.g. {@code uint8} images scaled to
     * [0, 1] by {@link NpyReadOptions#scalingUint8()}).
     *
     * @throws NpyFormatException if the file is not a supported, well-formed {@code .npy} array
     * @throws IOException if the file cannot be read
     */
    public static NpyArray read(Path path, NpyReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            // a FIFO or device reports size 0, which would make every array "truncated"
            long knownSize = Files.isRegularFile(path) ? channel.size() : -1;
            return NpyReader.read(channel, path.toString(), knownSize, options);
        }
    }

    /**
     * Reads a {@code .npy} array from a stream that must end right after the data. The stream is read to
     * its end but not closed.
     *
     * @param sourceNameForMessages names the stream in error messages, e.g. a URL or archive entry
     * @throws NpyFormatException if the content is not a supported, well-formed {@code .npy} array,
     *     including when the stream ends early or continues after the data
     * @throws IOException if reading the stream fails
     */
    public static NpyArray read(InputStream in, String sourceNameForMessages) throws IOException {
        return read(in, sourceNameForMessages, NpyReadOptions.DEFAULT);
    }

    /**
     * As {@link #read(InputStream, String)}, converting as {@code options} say.
     *
     * @throws NpyFormatException if the content is not a supported, well-formed {@code .npy} array
     * @throws IOException if reading the stream fails
     */
    public static NpyArray read(InputStream in, String sourceNameForMessages, NpyReadOptions options)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceNameForMessages, "sourceNameForMessages");
        Objects.requireNonNull(options, "options");
        return NpyReader.read(new InputStreamChannel(in), sourceNameForMessages, -1, options);
    }

    /**
     * Writes {@code array} to {@code path} atomically, replacing any existing file: the file is written
     * under a temporary name in the same directory and renamed into place when complete.
     *
     * @throws IOException if the file cannot be written; the previous file, if any, is then unchanged
     */
    public static void write(Path path, NpyArray array) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(array, "array");
        AtomicFileWriter.write(path, out -> NpyWriter.write(out, array));
    }

    /**
     * Writes {@code array} to {@code out} and flushes it; the stream is not closed.
     *
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(array, "array");
        NpyWriter.write(out, array);
    }

    /**
     * Writes {@code data} as a float32 array of the given shape to {@code path}, atomically.
     *
     * @param data elements in row-major order; not copied, and must not change during the call
     * @param shape {@code n} or {@code rows, cols}
     * @throws IllegalArgumentException if the shape is not 1-D or 2-D or does not match
     *     {@code data.length}
     * @throws IOException if the file cannot be written
     */
    public static void write(Path path, float[] data, int... shape) throws IOException {
        write(path, NpyArray.wrapFloat(data, shape));
    }

    /**
     * Writes {@code data} as a float64 array of the given shape to {@code path}, atomically.
     *
     * @param data elements in row-major order; not copied, and must not change during the call
     * @param shape {@code n} or {@code rows, cols}
     * @throws IllegalArgumentException if the shape is not 1-D or 2-D or does not match
     *     {@code data.length}
     * @throws IOException if the file cannot be written
     */
    public static void write(Path path, double[] data, int... shape) throws IOException {
        write(path, NpyArray.wrapDouble(data, shape));
    }
}
