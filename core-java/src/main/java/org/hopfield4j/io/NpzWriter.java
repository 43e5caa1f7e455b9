package org.hopfield4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive: a ZIP file with one {@code .npy} member per named array, as
 * {@code numpy.savez_compressed} writes it ({@code numpy.load("w.npz")["values"]} reads the member
 * {@code values.npy}). Members may be float32/float64 arrays ({@link NpyArray}, 1-D or 2-D) or 1-D
 * int64 / int32 arrays (e.g. the offsets and indices of a sparse matrix).
 *
 * <pre>{@code
 * NpzWriter.create()
 *         .add("offsets", offsets)                       // long[] -> int64
 *         .add("indices", indices)                       // int[]  -> int32
 *         .add("values", NpyArray.ofFloat(values, nnz))
 *         .write(Path.of("weights.npz"));                // atomic
 * }</pre>
 *
 * <p>Members are deflate-compressed, in the order they were added. Writing to a path is atomic, like
 * {@link Npy#write(Path, NpyArray)}: a failed write leaves any previous file unchanged and no
 * temporary file behind. Arrays are not copied: they must not change until the archive is written.
 * Not thread-safe.
 */
public final class NpzWriter {
    private interface Member {
        void writeTo(OutputStream out) throws IOException;
    }

    private final List<String> names = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private NpzWriter() {
    }

    /** An empty archive. */
    public static NpzWriter create() {
        return new NpzWriter();
    }

    /** Adds a float32/float64 array as the member {@code name.npy}. */
    public NpzWriter add(String name, NpyArray array) {
        Objects.requireNonNull(array, "array");
        return member(name, out -> NpyWriter.write(out, array));
    }

    /** Adds a 1-D int64 array ({@code <i8}) as the member {@code name.npy}. */
    public NpzWriter add(String name, long[] data) {
        Objects.requireNonNull(data, "data");
        return member(name, out -> NpyWriter.writeInt64(out, data));
    }

    /** Adds a 1-D int32 array ({@code <i4}) as the member {@code name.npy}. */
    public NpzWriter add(String name, int[] data) {
        Objects.requireNonNull(data, "data");
        return member(name, out -> NpyWriter.writeInt32(out, data));
    }

    private NpzWriter member(String name, Member member) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("npz member name must be non-empty and contain no path separator, got '"
                    + name + "'");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("npz member '" + name + "' was already added");
        }
        names.add(name);
        members.add(member);
        return this;
    }

    /** The member names added so far (without {@code .npy}), in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /**
     * Writes the archive to {@code path} atomically, replacing any existing file.
     *
     * @throws IOException if the file cannot be written; the previous file, if any, is then unchanged
     */
    public void write(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        AtomicFileWriter.write(path, this::write);
    }

    /** Writes the archive to {@code out} and flushes it; the stream is not closed. */
    public void write(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
        zip.setLevel(Deflater.BEST_SPEED);
        for (int i = 0; i < members.size(); i++) {
            zip.putNextEntry(new ZipEntry(names.get(i) + ".npy"));
            members.get(i).writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** Lets the ZIP stream be finished without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
