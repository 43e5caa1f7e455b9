package org.hopfield4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of the MNIST files (LeCun et al.): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-...}, and the same files gzipped ({@code .gz}, detected
 * by content, not by name). Fashion-MNIST uses the same format.
 *
 * <p>Layout: a big-endian magic number {@code 0x0000TTNN} (TT the element type, here only 0x08,
 * unsigned byte; NN the number of dimensions), NN big-endian 32-bit sizes, then the elements in
 * row-major order. Images are idx3 (N × rows × cols) and are returned flattened, each pixel divided
 * by 255 so that it lies in [0, 1]; labels are idx1 (N).
 *
 * <p>Errors are {@link DataFileException}s that name the file and say what is wrong: a wrong magic
 * number (with a hint when images and labels are swapped, or the file is not IDX at all), an
 * unsupported element type, a file that ends before its header says it should.
 */
public final class Idx {
    /** Magic number of an idx3-ubyte image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx1-ubyte label file. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Magic number and three sizes. */
    private static final int IMAGE_HEADER_BYTES = 16;
    /** Magic number and the count. */
    private static final int LABEL_HEADER_BYTES = 8;
    /** The first allocation for data of unknown real length. */
    private static final int CHUNK_BYTES = 1 << 20;

    private Idx() {}

    /** The images of an idx3-ubyte file (optionally gzipped), pixels scaled to [0, 1]. */
    public static ImageSet readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, file.toString(), plainLength(file));
        }
    }

    /** The images of an idx3-ubyte stream (not gzipped); {@code name} is used in messages. */
    public static ImageSet readImages(InputStream raw, String name) throws IOException {
        return readImages(raw, name, -1);
    }

    /** As {@link #readImages(InputStream, String)}; {@code length} is the stream's size in bytes, or -1 if unknown. */
    private static ImageSet readImages(InputStream raw, String name, long length) throws IOException {
        DataInputStream in = new DataInputStream(raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw));
        int magic = header(in, name, "magic number");
        if (magic != IMAGES_MAGIC) {
            throw badMagic(name, magic, IMAGES_MAGIC, "idx3-ubyte images");
        }
        int n = header(in, name, "image count");
        int rows = header(in, name, "row count");
        int cols = header(in, name, "column count");
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new DataFileException(name + ": bad IDX header: " + n + " images of " + rows + " x " + cols);
        }
        long imageSize = (long) rows * cols;   // exact: two ints
        long total = n * imageSize;             // exact whenever imageSize passes the first test
        // the image size on its own too: with n = 0 the total is 0 however large the images claim to be
        if (imageSize > Integer.MAX_VALUE - 8 || total > Integer.MAX_VALUE - 8) {
            throw new DataFileException(name + ": " + n + " images of " + rows + " x " + cols
                    + " are too many for one Java array");
        }
        checkLength(name, length, IMAGE_HEADER_BYTES, total, "pixel");
        byte[] bytes = readBytes(in, (int) total, name, "pixel");
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xff) / 255f;
        }
        return new ImageSet(pixels, n, rows * cols, null, "IDX " + name);
    }

    /** The labels of an idx1-ubyte file (optionally gzipped). */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, file.toString(), plainLength(file));
        }
    }

    /** The labels of an idx1-ubyte stream (not gzipped); {@code name} is used in messages. */
    public static int[] readLabels(InputStream raw, String name) throws IOException {
        return readLabels(raw, name, -1);
    }

    private static int[] readLabels(InputStream raw, String name, long length) throws IOException {
        DataInputStream in = new DataInputStream(raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw));
        int magic = header(in, name, "magic number");
        if (magic != LABELS_MAGIC) {
            throw badMagic(name, magic, LABELS_MAGIC, "idx1-ubyte labels");
        }
        int n = header(in, name, "label count");
        if (n < 0) {
            throw new DataFileException(name + ": bad IDX header: " + n + " labels");
        }
        checkLength(name, length, LABEL_HEADER_BYTES, n, "label");
        byte[] bytes = readBytes(in, n, name, "label");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    /** Images with the labels of a matching label file (same count). */
    public static ImageSet readImages(Path images, Path labels) throws IOException {
        ImageSet set = readImages(images);
        int[] l = readLabels(labels);
        if (l.length != set.count()) {
            throw new DataFileException(labels + ": " + l.length + " labels but " + images + " has "
                    + set.count() + " images");
        }
        return new ImageSet(set.pixels(), set.count(), set.dimension(), l, set.description());
    }

    /** The file's bytes, un-gzipped if it starts with the gzip magic 1f 8b. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static int header(DataInputStream in, String name, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFileException(name + ": truncated IDX file: it ends inside the header (reading the "
                    + what + ")");
        }
    }

    /**
     * The size of {@code file} if its bytes are the IDX data as they are (a regular file, not gzipped),
     * else -1: a gzipped file or a pipe says nothing about how much data it holds.
     */
    private static long plainLength(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b ? -1 : Files.size(file);
        }
    }

    /**
     * With a known {@code length}, a header that promises more {@code what} bytes than the file holds
     * fails here, before anything is allocated or read (a lying 16-byte header would otherwise ask for
     * gigabytes).
     */
    private static void checkLength(String name, long length, int headerBytes, long promised, String what)
            throws DataFileException {
        if (length >= 0 && promised > length - headerBytes) {
            throw new DataFileException(name + ": truncated IDX file: the header promises " + promised + " " + what
                    + " bytes but the file ends after " + Math.max(0, length - headerBytes) + " (its size is " + length
                    + " bytes, the " + headerBytes + "-byte header included)");
        }
    }

    /**
     * Exactly {@code count} bytes. The array grows as data arrives (from one chunk, doubling), so a stream
     * whose header lies (a gzipped file) costs at most twice what it really holds before the error.
     */
    private static byte[] readBytes(InputStream in, int count, String name, String what) throws IOException {
        byte[] into = new byte[Math.min(count, CHUNK_BYTES)];
        int off = 0;
        while (off < count) {
            if (off == into.length) {
                into = Arrays.copyOf(into, (int) Math.min(count, 2L * into.length));
            }
            int r = in.read(into, off, into.length - off);
            if (r < 0) {
                throw new DataFileException(name + ": truncated IDX file: the header promises " + count + " "
                        + what + " bytes but the file ends after " + off);
            }
            off += r;
        }
        return into;
    }

    private static DataFileException badMagic(String name, int magic, int expected, String kind) {
        String hint;
        if (magic == IMAGES_MAGIC || magic == LABELS_MAGIC) {
            hint = " (this is an " + (magic == IMAGES_MAGIC ? "idx3-ubyte image" : "idx1-ubyte label")
                    + " file: images and labels swapped?)";
        } else if ((magic >>> 16) == 0 && ((magic >>> 8) & 0xff) != 0x08) {
            hint = " (IDX element type 0x" + Integer.toHexString((magic >>> 8) & 0xff) + " is not supported; only unsigned bytes)";
        } else {
            hint = " (not an IDX file)";
        }
        return new DataFileException(String.format("%s: bad magic number 0x%08x, expected 0x%08x for %s%s",
                name, magic, expected, kind, hint));
    }
}
