package org.hopfield4j.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where the values of a {@code .npy} file lie, for memory-mapping it (docs/formats.md#mapped-stores):
 * the header, validated as {@link Npy#read(Path)} validates it, and the data's byte offset in the
 * file. Unlike reading, the shape may exceed one Java array (each dimension is still an int); the
 * file's length must be exactly the header plus the data.
 *
 * @param numpyName the element type in the file, e.g. {@code "float32"} or {@code "uint8"}
 * @param itemSize bytes per element in the file
 * @param byteOrder the byte order of the data in the file
 * @param shape 1 or 2 dimensions
 * @param dataOffset the byte offset of the first value from the start of the file
 * @param nativeFloat the dtype whose bytes the data holds as they are ({@code float32} or
 *     {@code float64} in this machine's byte order), or null when reading would have to convert
 */
public record NpyLayout(String numpyName, int itemSize, ByteOrder byteOrder, int[] shape, long dataOffset,
                        NpyDtype nativeFloat) {

    public NpyLayout {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape. */
    public long elementCount() {
        long count = 1;
        for (int dim : shape) count *= dim;
        return count;
    }

    /** Whether the data is float16 in this machine's byte order: what a float16 memory store maps as it is. */
    public boolean isNativeFloat16() {
        return numpyName.equals("float16") && byteOrder == ByteOrder.nativeOrder();
    }

    /** The number of data bytes. */
    public long dataLength() {
        return elementCount() * itemSize;
    }

    /**
     * The layout of the {@code .npy} file at {@code path} (a regular file), reading only its header.
     *
     * @throws NpyFormatException if the header is not a supported, well-formed {@code .npy} header or the
     *     file is not exactly as long as the header says
     * @throws IOException if the file cannot be read
     */
    public static NpyLayout of(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {   // NoSuchFileException first
            if (!Files.isRegularFile(path)) {
                throw new NpyFormatException(path.toString(), "not a regular file: only a file on disk can be memory-mapped");
            }
            return of(channel, 0, channel.size(), path.toString());
        }
    }

    /**
     * The layout of a {@code .npy} array stored as the bytes [start, start + length) of a file (e.g. an
     * uncompressed {@code .npz} member); the offset returned is from the start of the file.
     *
     * @param source names the array in error messages
     * @throws NpyFormatException as {@link #of(Path)}
     */
    public static NpyLayout of(FileChannel channel, long start, long length, String source) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(source, "source");
        channel.position(start);  // the header reader stops at the first data byte
        NpyReader.Prefix prefix = NpyReader.readHeader(channel, source, length, NpyHeader.ElementLimit.MAPPED);
        NpyHeader h = prefix.header();
        boolean asStored = (h.type() == NpyElementType.FLOAT32 || h.type() == NpyElementType.FLOAT64)
                && h.byteOrder() == ByteOrder.nativeOrder();
        return new NpyLayout(h.type().numpyName(), h.type().byteSize(), h.byteOrder(), h.shape(), start + prefix.dataOffset(),
                asStored ? h.type().readAs() : null);
    }
}
