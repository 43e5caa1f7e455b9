package org.hopfield4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
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
 * <p>Members are deflate-compressed ({@link #create()}) or stored ({@link #uncompressed()}), in the order they were added,
 * all dated 1980-01-02 so that the same arrays give the same bytes. Writing to a path is atomic, like
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
    private final boolean stored;

    private NpzWriter(boolean stored) {
        this.stored = stored;
    }

    /** An empty archive whose members are deflate-compressed ({@code numpy.savez_compressed}). */
    public static NpzWriter create() {
        return new NpzWriter(false);
    }

    /**
     * An empty archive whose members are stored uncompressed ({@code numpy.savez}), so that each
     * array's values lie in the file as they are and can be memory-mapped (docs/formats.md#mapped-stores).
     */
    public static NpzWriter uncompressed() {
        return new NpzWriter(true);
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

    /**
     * Adds a 1-D array of {@code length} elements of numpy type {@code descr} (e.g. {@code <i4},
     * {@code <f4}) whose little-endian bytes are the content of {@code data}, copied when the archive is
     * written (members produced block by block into a temporary file, e.g. streamed CSR weights).
     *
     * @throws IllegalArgumentException if {@code descr} is not a one-character-kind little-endian type
     */
    public NpzWriter addRaw(String name, String descr, int length, Path data) {
        Objects.requireNonNull(descr, "descr");
        Objects.requireNonNull(data, "data");
        if (NpyElementType.ofDescr(descr) == null || descr.charAt(0) == '>') {
            throw new IllegalArgumentException("descr must be a little-endian numpy type such as <i4, got " + descr);
        }
        return member(name, out -> {
            out.write(NpyWriter.prefix(descr, new int[] {length}));
            Files.copy(data, out);
        });
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
        NonClosing counted = new NonClosing(out);
        ZipOutputStream zip = new ZipOutputStream(counted);
        zip.setLevel(Deflater.BEST_SPEED);
        for (int i = 0; i < members.size(); i++) {
            ZipEntry entry = stored ? storedEntry(names.get(i), members.get(i), counted.written)
                    : new ZipEntry(names.get(i) + ".npy");
            entry.setTimeLocal(REPRODUCIBLE_TIME);
            zip.putNextEntry(entry);
            members.get(i).writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Every member's modification time, so that the same arrays give the same bytes. Not 1980-01-01
     * 00:00, DOS time's first instant: ZipEntry takes that value for "before 1980" and adds an
     * extended-timestamp field, which would move the stored members off their alignment.
     */
    private static final java.time.LocalDateTime REPRODUCIBLE_TIME = java.time.LocalDateTime.of(1980, 1, 2, 0, 0);

    /** The data of a stored member starts on this boundary: its array's values then lie aligned in the file. */
    static final int STORED_ALIGNMENT = 64;
    /** The extra field that pads a local header, as Android's zipalign writes it (id, size, alignment, zeros). */
    private static final int ALIGNMENT_FIELD = 0xD935;

    /**
     * A STORED entry must announce its size and CRC-32 before its bytes: one extra pass over the member.
     * Its local header, written at {@code position}, is padded with an extra field so that the data
     * starts at a multiple of {@link #STORED_ALIGNMENT} (a .npy's values, 64-aligned within it, then
     * are too, and can be memory-mapped).
     */
    private static ZipEntry storedEntry(String name, Member member, long position) throws IOException {
        CRC32 crc = new CRC32();
        long[] size = {0};
        member.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                crc.update(b);
                size[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                crc.update(b, off, len);
                size[0] += len;
            }
        });
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size[0]);
        entry.setCompressedSize(size[0]);
        entry.setCrc(crc.getValue());
        long unpadded = position + 30 + (name + ".npy").getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + (size[0] >= 0xFFFFFFFFL ? 20 : 0);   // ZipOutputStream's ZIP64 field precedes ours
        if (unpadded % STORED_ALIGNMENT != 0) {
            int length = 6 + (int) Math.floorMod(-(unpadded + 6), (long) STORED_ALIGNMENT);
            java.nio.ByteBuffer extra = java.nio.ByteBuffer.allocate(length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            extra.putShort((short) ALIGNMENT_FIELD).putShort((short) (length - 4)).putShort((short) STORED_ALIGNMENT);
            entry.setExtra(extra.array());
        }
        return entry;
    }

    /** Lets the ZIP stream be finished without closing the caller's stream; counts the bytes. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        long written;   // where the next byte goes: the stored members' alignment

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
