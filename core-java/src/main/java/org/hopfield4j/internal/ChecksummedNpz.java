package org.hopfield4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.hopfield4j.io.NpyLayout;
import org.hopfield4j.io.NpzWriter;

/**
 * The file format behind {@code MemoryStore.save} and {@code LearnedKernel.save}: a NumPy {@code .npz}
 * archive (so {@code numpy.load} reads it) holding
 * <ul>
 *   <li>a 2-D float32 or float64 main array ({@code patterns.npy}, {@code W.npy});
 *   <li>optionally, float64 vectors named by the format, always in the format's order;
 *   <li>{@code metadata.npy}: float64 {@code [magic, format version, rows, cols, bytes per element,
 *       CRC-32]}, the CRC-32 taken over the values of the main array and then of each vector present,
 *       in that order, as little-endian bytes (every entry is exactly representable in float64).
 * </ul>
 * Writing is atomic ({@link NpzWriter#write(Path)}). Reading verifies the members, the magic, the
 * version, the main array's shape and element size against the metadata, and the checksum, so a
 * truncated, corrupted or foreign file fails with the owner's exception instead of loading.
 *
 * <p>Not part of the public API.
 */
public final class ChecksummedNpz {
    private static final String METADATA = "metadata";
    private static final String NPY = ".npy";
    private static final int METADATA_LENGTH = 6;

    private ChecksummedNpz() {}

    /**
     * One file format: its name in messages (e.g. "memory-store"), the magic that starts its metadata
     * (four ASCII letters as a big-endian int), the one version this code reads and writes, the name of
     * the main array and of the optional vectors; or, when {@code namedByWriter}, vectors of any names
     * (a model's parameters), kept and checksummed in the order they were written.
     */
    public record Format(String name, int magic, int version, String main, List<String> vectors,
                         boolean namedByWriter) {
        public Format {
            vectors = List.copyOf(vectors);
        }

        /** A format whose optional vectors are {@code vectors}. */
        public Format(String name, int magic, int version, String main, List<String> vectors) {
            this(name, magic, version, main, vectors, false);
        }

        /** A format whose vectors are named by the writer. */
        public static Format namedByWriter(String name, int magic, int version, String main) {
            return new Format(name, magic, version, main, List.of(), true);
        }

        private boolean allows(String vector) {
            return namedByWriter ? !vector.equals(main) && !vector.equals(METADATA) && !vector.isEmpty()
                    : vectors.contains(vector);
        }
    }

    /** Makes the exception thrown for a damaged or foreign file (the message starts with the path). */
    @FunctionalInterface
    public interface Damage {
        IOException create(String message, Throwable cause);
    }

    /** A verified archive: the main array and the vectors it holds, by name, in the format's order. */
    public record Contents(NpyArray main, Map<String, double[]> vectors) {}

    /**
     * Writes {@code main} and {@code vectors} (a subset of the format's vectors, any order) as an archive
     * of {@code format} to {@code path}, atomically.
     */
    public static void write(Path path, Format format, NpyArray main, Map<String, double[]> vectors)
            throws IOException {
        if (!vectors.keySet().stream().allMatch(format::allows)) {
            throw new IllegalArgumentException("vectors " + vectors.keySet() + " are not all among "
                    + (format.namedByWriter() ? "the names a writer may use" : format.vectors()));
        }
        Map<String, double[]> ordered = new LinkedHashMap<>();
        for (String name : format.namedByWriter() ? vectors.keySet() : format.vectors()) {
            if (vectors.containsKey(name)) ordered.put(name, vectors.get(name));
        }
        double[] meta = {format.magic(), format.version(), main.rows(), main.cols(), main.dtype().byteSize(),
            checksum(main, ordered)};
        NpzWriter archive = NpzWriter.uncompressed().add(format.main(), main);   // mappable (MappedStores)
        ordered.forEach((name, v) -> archive.add(name, NpyArray.ofDouble(v, v.length)));
        archive.add(METADATA, NpyArray.ofDouble(meta, meta.length)).write(path);
    }

    /**
     * Reads and verifies an archive of {@code format}.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws AccessDeniedException if it cannot be opened
     * @throws IOException from {@code damage} if the file is not an intact archive of this format
     */
    public static Contents read(Path path, Format format, Damage damage) throws IOException {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        try {
            return readVerified(path, format);
        } catch (Problem p) {
            throw damage.create(path + ": " + p.getMessage(), p.getCause());
        }
    }

    /**
     * Where the main array of an archive of {@code format} lies in the file, to memory-map it in place
     * (docs/formats.md#mapped-stores): verified as {@link #read} verifies it (members, magic, version, shape
     * and element size against the metadata) without reading the values, which must be stored
     * uncompressed, float32 or float64 in this machine's byte order, with no vectors beside them. The
     * CRC-32 of the values is checked only when {@code checksum}: one sequential read of the file.
     *
     * @throws IOException from {@code damage} if the file is not an intact, mappable archive of this format
     */
    public static NpyLayout mainLayout(Path path, Format format, Damage damage, boolean checksum) throws IOException {
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        try (ZipFile zip = new ZipFile(path.toFile());
             FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            double[] meta = vector(zip, path, METADATA, METADATA_LENGTH);
            checkIdentity(format, meta);
            checkMemberNames(zip, format);
            String name = format.main() + NPY;
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) throw new Problem("missing member " + name);
            if (zip.size() != 2) throw new Problem("cannot memory-map an archive with vectors beside " + name);
            if (entry.getMethod() != ZipEntry.STORED) {
                throw new Problem(name + " is compressed: only an uncompressed archive (as save writes it) can be "
                        + "memory-mapped; load it, or save it again");
            }
            NpyLayout layout = NpyLayout.of(ch, StoredZipMember.dataOffset(ch, name, entry.getSize()), entry.getSize(),
                    path + "!" + name);
            checkMappable(format, layout, meta);
            if (checksum) {
                long crc = crc32(ch, layout.dataOffset(), layout.dataLength());
                if (crc != meta[5]) throw checksumMismatch(crc, meta);
            }
            return layout;
        } catch (Problem p) {
            throw damage.create(path + ": " + p.getMessage(), p.getCause());
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : "truncated or malformed";
            throw damage.create(path + ": not a readable " + format.name() + " archive (" + why + ")", e);
        }
    }

    private static void checkMappable(Format format, NpyLayout layout, double[] meta) {
        int[] shape = layout.shape();
        if (shape.length != 2 || meta[2] != shape[0] || meta[3] != shape[1] || meta[4] != layout.itemSize()) {
            throw new Problem(format.main() + NPY + " has shape " + Arrays.toString(shape) + " and " + layout.numpyName()
                    + " but the metadata says (" + number(meta[2]) + ", " + number(meta[3]) + ") with "
                    + number(meta[4]) + " bytes per element");
        }
        if (layout.nativeFloat() == null) {
            throw new Problem(format.main() + NPY + " holds " + layout.numpyName() + " in " + layout.byteOrder()
                    + " byte order: only float32 or float64 in this machine's byte order can be memory-mapped");
        }
    }

    /** CRC-32 of {@code length} bytes of the file from {@code at}, read in 1 MiB chunks (no heap copy of the data). */
    private static long crc32(FileChannel ch, long at, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (long done = 0; done < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - done));
            int got = ch.read(buf, at + done);
            if (got < 0) throw new Problem("truncated: the values end after " + done + " of " + length + " bytes");
            done += got;
            crc.update(buf.flip());
        }
        return crc.getValue();
    }

    private static Problem checksumMismatch(long crc, double[] meta) {
        return new Problem("checksum mismatch: the values have CRC-32 " + crc + " but the metadata records "
                + number(meta[5]) + "; the file is corrupted");
    }

    /** What is wrong with a file, before the owner turns it into its exception type. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message, Throwable cause) {
            super(message, cause, false, false);
        }

        Problem(String message) {
            this(message, null);
        }
    }

    private static Contents readVerified(Path path, Format format) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            // the metadata first: a file of another format or version is reported as such
            double[] meta = vector(zip, path, METADATA, METADATA_LENGTH);
            checkIdentity(format, meta);
            checkMemberNames(zip, format);
            NpyArray main = member(zip, path, format.main());
            Map<String, double[]> vectors = new LinkedHashMap<>();
            for (String name : vectorNames(zip, format)) {
                if (zip.getEntry(name + NPY) != null) vectors.put(name, vector(zip, path, name, -1));
            }
            checkContents(format, main, vectors, meta);
            return new Contents(main, vectors);
        } catch (Problem | NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ZipException, NpyFormatException, an inflater error: the bytes are not an intact archive
            String why = e.getMessage() != null ? e.getMessage() : "truncated or malformed";
            throw new Problem("not a readable " + format.name() + " archive (" + why + ")", e);
        }
    }

    /** Only the format's members: a renamed or added member means the archive is not what was saved. */
    private static void checkMemberNames(ZipFile zip, Format format) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            boolean known = entry.equals(format.main() + NPY) || entry.equals(METADATA + NPY)
                    || entry.endsWith(NPY) && format.allows(entry.substring(0, entry.length() - NPY.length()));
            if (!known) throw new Problem("unexpected member " + entry + " in a " + format.name() + " archive");
        }
    }

    /** The vectors to look for: the format's, or every other member in the order written. */
    private static List<String> vectorNames(ZipFile zip, Format format) {
        if (!format.namedByWriter()) return format.vectors();
        List<String> names = new java.util.ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            String name = entry.substring(0, entry.length() - NPY.length());
            if (format.allows(name)) names.add(name);
        }
        return names;
    }

    private static NpyArray member(ZipFile zip, Path path, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name + NPY);
        if (entry == null) throw new Problem("missing member " + name + NPY);
        try (InputStream in = zip.getInputStream(entry)) {
            return Npy.read(in, path + "!" + name + NPY);
        }
    }

    /** A float64 vector member, of {@code length} values unless that is -1. */
    private static double[] vector(ZipFile zip, Path path, String name, int length) throws IOException {
        NpyArray a = member(zip, path, name);
        if (a.dtype() != NpyDtype.FLOAT64 || a.rank() != 1 || (length >= 0 && a.size() != length)) {
            throw new Problem(name + NPY + " must be a float64 vector" + (length >= 0 ? " of " + length + " values" : "")
                    + ", got " + a);
        }
        return a.doubleData();
    }

    private static void checkIdentity(Format format, double[] meta) {
        if (meta[0] != format.magic()) {
            throw new Problem("metadata does not start with the " + format.name() + " magic "
                    + magicText(format.magic()) + ", found " + magicText(meta[0]));
        }
        if (meta[1] != format.version()) {
            throw new Problem("unsupported " + format.name() + " format version " + number(meta[1])
                    + "; this version of hopfield4j reads version " + format.version());
        }
    }

    private static void checkContents(Format format, NpyArray main, Map<String, double[]> vectors, double[] meta) {
        if (main.rank() != 2 || meta[2] != main.rows() || meta[3] != main.cols()
                || meta[4] != main.dtype().byteSize()) {
            throw new Problem(format.main() + NPY + " has shape " + Arrays.toString(main.shape()) + " and "
                    + main.dtype().numpyName() + " but the metadata says (" + number(meta[2]) + ", "
                    + number(meta[3]) + ") with " + number(meta[4]) + " bytes per element");
        }
        long crc = checksum(main, vectors);
        if (crc != meta[5]) throw checksumMismatch(crc, meta);
    }

    /** CRC-32 of the main array's values, then of each vector's, as little-endian bytes in order. */
    private static long checksum(NpyArray main, Map<String, double[]> vectors) {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        if (main.dtype() == NpyDtype.FLOAT32) {
            var values = main.floatBuffer();
            for (int i = 0; i < main.size(); i++) {
                flushIfFull(crc, buf);
                buf.putFloat(values.get(i));
            }
        } else {
            update(crc, buf, main.doubleBuffer(), main.size());
        }
        for (double[] v : vectors.values()) {
            update(crc, buf, DoubleBuffer.wrap(v), v.length);
        }
        buf.flip();
        crc.update(buf);
        return crc.getValue();
    }

    private static void update(CRC32 crc, ByteBuffer buf, DoubleBuffer values, int n) {
        for (int i = 0; i < n; i++) {
            flushIfFull(crc, buf);
            buf.putDouble(values.get(i));
        }
    }

    private static void flushIfFull(CRC32 crc, ByteBuffer buf) {
        if (buf.remaining() < Double.BYTES) {
            buf.flip();
            crc.update(buf);
            buf.clear();
        }
    }

    /** A magic as its four letters when printable ("H4JS"), else the number. */
    private static String magicText(double magic) {
        if (magic == Math.rint(magic) && magic >= 0 && magic <= 0xFFFFFFFFL) {
            byte[] b = ByteBuffer.allocate(4).putInt((int) (long) magic).array();
            String text = new String(b, StandardCharsets.ISO_8859_1);
            if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) return "\"" + text + "\"";
        }
        return number(magic);
    }

    /** Integral values without ".0" (counts, versions), anything else as Java prints it. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
