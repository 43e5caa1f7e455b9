package org.hopfield4j;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.ChecksummedNpz;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RowNorms;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import org.hopfield4j.io.NpyLayout;
import org.hopfield4j.io.NpyReadOptions;

/**
 * The stored patterns ξ_1..ξ_M of an associative memory: an M × d matrix, one pattern per row,
 * float32 or float64, held in native memory so retrieval reads it without copying; or float16 /
 * bfloat16 (half the memory, retrieved in float32: {@link #toStoragePrecision}, {@link StoragePrecision}).
 *
 * <pre>{@code
 * try (MemoryStore store = MemoryStore.ofFloat(patterns, M, d);
 *      Retriever retriever = Retriever.builder(store).map(Separation.sparsemax()).build()) {
 *     Retrieval r = retriever.retrieve(queries, B);
 * }
 * }</pre>
 *
 * <p><b>Building.</b> From a row-major array ({@link #ofFloat(float[], int, int)},
 * {@link #ofDouble(double[], int, int)}), an array of rows ({@link #ofFloatRows(float[][])},
 * {@link #ofDoubleRows(double[][])}), a buffer ({@link #ofFloat(FloatBuffer, int, int)},
 * {@link #ofDouble(DoubleBuffer, int, int)}) or a 2-D {@code .npy} file ({@link #fromNpy(Path)},
 * {@link #of(NpyArray)}). The data is copied; the store is immutable: {@link #append(float[], int)}
 * builds a new, larger store. Every factory checks M ≥ 1, d ≥ 1, the length, that M · d fits in a Java array, and
 * that every value is finite, reporting the (row, column) of the first NaN or infinity, all with
 * {@link IllegalArgumentException} ({@link NullPointerException} for a null argument).
 *
 * <p><b>Mapping.</b> {@link #mapNpy(Path)} maps a {@code .npy} file read-only instead of copying it:
 * M · d is then limited by the file (long offsets end to end), opening is O(1), and the values are
 * checked on the first retrieval ({@link #isMapped()}).
 *
 * <p><b>Half precision.</b> {@link #toStoragePrecision(StoragePrecision)} rounds a float32 store to
 * float16 or bfloat16 ({@link #ofFloat(float[], int, int, StoragePrecision)} from an array);
 * {@link #mapNpy(Path)} maps a {@code <f2} file as a float16 store. Retrieval widens a tile at a time
 * to float32 in cache, so results equal those of a float32 store of the rounded values. A half store
 * cannot be appended to nor trained on (U-Hop stage I); {@link #save(Path)} writes its values as float32.
 *
 * <p><b>Files.</b> {@link #save(Path)} writes an {@code .npz} archive (readable with
 * {@code numpy.load}) atomically, with a format version and a CRC-32 of the values;
 * {@link #load(Path)} verifies both and rejects a truncated or corrupted file with
 * {@link MemoryStoreFormatException}.
 *
 * <p><b>Threads.</b> A store may be shared: any number of threads may retrieve from it (and read
 * it) at the same time.
 *
 * <p><b>Closing.</b> {@link #close()} releases the native memory; it is idempotent. After it, every
 * method but {@link #size()}, {@link #dimension()}, {@link #precision()}, {@link #storagePrecision()},
 * {@link #isClosed()} and
 * {@code close()} throws {@link IllegalStateException} ("memory store is closed"), and so does any
 * retrieval that starts afterwards. Closing while other threads are retrieving is safe: each
 * retrieval holds the store for the duration of its native call (a usage count), and the memory is
 * freed when the store is closed <em>and</em> the last retrieval in flight has finished. A store
 * that is never closed is freed by a {@link java.lang.ref.Cleaner} some time after it becomes
 * unreachable; that is a safety net only, since the garbage collector does not see native memory —
 * close stores explicitly (try-with-resources).
 */
public final class MemoryStore implements AutoCloseable {
    static final String CLOSED = "memory store is closed";

    private final int size;
    private final int dimension;
    private final StoragePrecision storage;
    private final NativeBlock block;
    private final Path mappedFrom;  // the file a mapped store maps, else null
    private volatile PatternNorms norms;   // a mapped store: null until its first native use checks it

    private MemoryStore(int size, int dimension, StoragePrecision storage, NativeBlock block, PatternNorms norms,
                        Path mappedFrom) {
        this.size = size;
        this.dimension = dimension;
        this.storage = storage;
        this.block = block;
        this.norms = norms;
        this.mappedFrom = mappedFrom;
    }

    /**
     * A store whose native memory is {@code block}, a read-only map of {@code file} (MappedStores):
     * its values are checked (finite) and measured on first native use, not here, so opening is O(1).
     */
    static MemoryStore mapped(int M, int d, StoragePrecision storage, NativeBlock block, Path file) {
        return new MemoryStore(M, d, storage, block, null, file);
    }

    /** A store in {@code block} (allocated, owned by the store) whose patterns have these norms (StoreAppend). */
    static MemoryStore allocated(int M, int d, StoragePrecision storage, NativeBlock block, PatternNorms norms) {
        return new MemoryStore(M, d, storage, block, norms, null);
    }

    // ------------------------------------------------------------------ factories

    /**
     * A float32 store of M patterns of dimension d from {@code data}, row-major (pattern μ at
     * {@code data[μ*d .. μ*d + d)}).
     */
    public static MemoryStore ofFloat(float[] data, int M, int d) {
        Check.notNull(data, "data");
        return copied(FloatBuffer.wrap(data), M, d, Precision.FLOAT32, "data");
    }

    /**
     * A store of M patterns of dimension d from {@code data} (row-major) held in {@code storage}:
     * {@code FLOAT32} as {@link #ofFloat(float[], int, int)}, {@code FLOAT16} / {@code BFLOAT16} rounded
     * as {@link #toStoragePrecision} does (the float32 copy made on the way is freed before returning).
     *
     * @throws IllegalArgumentException as {@link #ofFloat(float[], int, int)}, if {@code storage} is
     *     FLOAT64, or if a value is out of the half format's range (its row, column and the limit)
     */
    public static MemoryStore ofFloat(float[] data, int M, int d, StoragePrecision storage) {
        Check.notNull(storage, "storage");
        if (storage == StoragePrecision.FLOAT64) {
            throw new IllegalArgumentException("storage must be float32, float16 or bfloat16 for float data, got float64"
                    + " (use ofDouble)");
        }
        MemoryStore full = ofFloat(data, M, d);
        if (storage == StoragePrecision.FLOAT32) return full;
        try (full) {
            return full.toStoragePrecision(storage);
        }
    }

    /** A float64 store of M patterns of dimension d from {@code data}, row-major. */
    public static MemoryStore ofDouble(double[] data, int M, int d) {
        Check.notNull(data, "data");
        return copied(DoubleBuffer.wrap(data), M, d, Precision.FLOAT64, "data");
    }

    /** A float32 store with one pattern per element of {@code rows} (all of the same length d ≥ 1). */
    public static MemoryStore ofFloatRows(float[][] rows) {
        int d = PatternCopy.rowDimension(rows);
        float[] flat = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, flat, r * d, d);
        return ofFloat(flat, rows.length, d);
    }

    /** A float64 store with one pattern per element of {@code rows} (all of the same length d ≥ 1). */
    public static MemoryStore ofDoubleRows(double[][] rows) {
        int d = PatternCopy.rowDimension(rows);
        double[] flat = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, flat, r * d, d);
        return ofDouble(flat, rows.length, d);
    }

    /**
     * A float32 store of M × d values read from {@code data}'s position; exactly M · d elements must
     * remain. Direct (e.g. memory-mapped) and heap buffers of any byte order are accepted; the
     * buffer's position is not changed.
     */
    public static MemoryStore ofFloat(FloatBuffer data, int M, int d) {
        return copied(data, M, d, Precision.FLOAT32, "data (remaining)");
    }

    /** As {@link #ofFloat(FloatBuffer, int, int)}, for a float64 store. */
    public static MemoryStore ofDouble(DoubleBuffer data, int M, int d) {
        return copied(data, M, d, Precision.FLOAT64, "data (remaining)");
    }

    /** A store of the M × d values remaining in {@code data}, whose length is called {@code lengthName} in errors. */
    private static MemoryStore copied(java.nio.Buffer data, int M, int d, Precision precision, String lengthName) {
        Check.notNull(data, "data");
        int n = Check.matrixSize("M", M, 1, "d", d);
        Check.length(lengthName, data.remaining(), n, "M * d = " + M + " * " + d);
        RowNorms norms = new RowNorms(d);
        NativeBlock block = PatternCopy.checkedCopy(data, n, d, 0, norms);
        return allocated(M, d, StoragePrecision.of(precision), block, PatternNorms.of(norms));
    }

    /**
     * A store from a 2-D float32 or float64 array of shape (M, d); the store has the array's precision.
     *
     * @throws IllegalArgumentException if the array is not 2-D, has no rows or columns, or holds a
     *     value that is not finite
     */
    public static MemoryStore of(NpyArray array) {
        Check.notNull(array, "array");
        if (array.rank() != 2) {
            throw new IllegalArgumentException("memories must be a 2-D array of shape (M, d), got shape "
                    + java.util.Arrays.toString(array.shape()));
        }
        return array.dtype() == NpyDtype.FLOAT32
                ? ofFloat(array.floatBuffer(), array.rows(), array.cols())
                : ofDouble(array.doubleBuffer(), array.rows(), array.cols());
    }

    /**
     * A store read from a {@code .npy} file holding a 2-D float32 or float64 array of shape (M, d).
     *
     * @throws org.hopfield4j.io.NpyFormatException if the file is not a supported {@code .npy} array
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link #of(NpyArray)}
     */
    public static MemoryStore fromNpy(Path path) throws IOException {
        return fromNpy(path, NpyReadOptions.DEFAULT);
    }

    /**
     * As {@link #fromNpy(Path)}, converting as {@code options} say: {@link NpyReadOptions#scalingUint8()}
     * reads numpy's {@code uint8} images in [0, 1] instead of [0, 255].
     *
     * @throws org.hopfield4j.io.NpyFormatException if the file is not a supported {@code .npy} array
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link #of(NpyArray)}
     */
    public static MemoryStore fromNpy(Path path, NpyReadOptions options) throws IOException {
        Check.notNull(path, "path");
        Check.notNull(options, "options");
        return of(Npy.read(path, options));
    }

    /**
     * A store whose patterns are the 2-D float32 or float64 array (in this machine's byte order) of a
     * {@code .npy} file, memory-mapped read-only (docs/formats.md#mapped-stores): no copy, opening reads
     * the header only (validated as {@link Npy#read(Path)} does, the file exactly header plus data), the
     * OS pages the values in, so the store may exceed the heap, a Java array or RAM; the values are
     * checked (finite) on the first retrieval. {@link #close()} unmaps; the file must not be truncated
     * or rewritten in place meanwhile.
     *
     * @throws org.hopfield4j.io.NpyFormatException if the file is not such a {@code .npy} array
     * @throws IllegalArgumentException if the array is not 2-D with at least one row and one column
     * @throws IOException if the file cannot be read or mapped
     */
    public static MemoryStore mapNpy(Path path) throws IOException {
        Check.notNull(path, "path");
        return MappedStores.map(path, NpyLayout.of(path), path.toString());
    }

    /**
     * A store mapping the patterns of a store archive written by {@link #save(Path)} in place, as
     * {@link #mapNpy(Path)} maps a {@code .npy} file, after verifying the archive as {@link #load(Path)}
     * does, the CRC-32 of the values included (one sequential read of the file, no heap copy).
     *
     * @throws MemoryStoreFormatException if the file is not an intact store archive, or its patterns are
     *     compressed (archives written before stores were mappable: load them, or save them again)
     * @throws IOException if the file cannot be read or mapped
     */
    public static MemoryStore mapNpz(Path path) throws IOException {
        return mapNpz(path, true);
    }

    /**
     * As {@link #mapNpz(Path)}; with {@code verifyChecksum} false the values are not read at all, so
     * opening costs O(1) whatever the file's size (the structure, metadata and shape are still checked):
     * for a file already verified, e.g. once after copying it (docs/formats.md#mapped-stores).
     */
    public static MemoryStore mapNpz(Path path, boolean verifyChecksum) throws IOException {
        Check.notNull(path, "path");
        NpyLayout layout = ChecksummedNpz.mainLayout(path, ARCHIVE, MemoryStoreFormatException::new, verifyChecksum);
        try {
            return MappedStores.map(path, layout, path + "!patterns.npy");
        } catch (IllegalArgumentException e) {
            throw new MemoryStoreFormatException(path + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ half precision

    /**
     * A new store holding this float32 store's patterns rounded to {@code target}, float16 or bfloat16
     * (to nearest, ties to even; float16 subnormals kept): half the memory, retrieved in float32
     * exactly as a float32 store of the rounded values (docs/formats.md#half-stores). This store is
     * unchanged (and still needs closing); a mapped store is converted chunk by chunk, never on the heap.
     *
     * @throws IllegalArgumentException if this store is not float32, {@code target} is not a 16-bit
     *     format, or a value does not fit it (float16: |x| ≥ 65520, which would round to infinity;
     *     the message gives its row, column and the limit)
     * @throws IllegalStateException if this store is closed
     */
    public MemoryStore toStoragePrecision(StoragePrecision target) {
        Check.notNull(target, "target");
        return HalfStores.rounded(this, target);
    }

    // ------------------------------------------------------------------ appending

    /**
     * A new float32 store holding this store's patterns followed by {@code count} more ({@code data}
     * row-major, count × d); this store is unchanged (and still needs closing).
     *
     * @throws IllegalArgumentException if this store is float64, count &lt; 1, the length is wrong, a
     *     value is not finite, or the total does not fit in a Java array
     * @throws IllegalStateException if this store is closed
     */
    public MemoryStore append(float[] data, int count) {
        Check.notNull(data, "data");
        return StoreAppend.appended(this, FloatBuffer.wrap(data), Precision.FLOAT32, count);
    }

    /** As {@link #append(float[], int)}, for a float64 store. */
    public MemoryStore append(double[] data, int count) {
        Check.notNull(data, "data");
        return StoreAppend.appended(this, DoubleBuffer.wrap(data), Precision.FLOAT64, count);
    }

    // ------------------------------------------------------------------ shape

    /** M, the number of stored patterns. */
    public int size() {
        return size;
    }

    /** d, the dimension of a pattern. */
    public int dimension() {
        return dimension;
    }

    /**
     * The precision retrieval computes in: the element type of the queries and states of every retrieval,
     * and of the patterns unless they are held in 16 bits ({@link #storagePrecision()}: float32 then).
     */
    public Precision precision() {
        return storage.computePrecision();
    }

    /** How the patterns are held: float32, float64, or float16 / bfloat16 (retrieved in float32). */
    public StoragePrecision storagePrecision() {
        return storage;
    }

    /** M × d, the number of stored values (may exceed a Java array for a mapped store). */
    public long elements() {
        return (long) size * dimension;
    }

    /** Whether the patterns are a read-only memory map of a file ({@link #mapNpy(Path)}, {@link #mapNpz(Path)}). */
    public boolean isMapped() {
        return mappedFrom != null;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return block.isClosed();
    }

    // ------------------------------------------------------------------ reading

    /**
     * A copy of pattern {@code i} (0 ≤ i &lt; M) as doubles (exact for both precisions).
     *
     * @throws IndexOutOfBoundsException if i is out of range
     * @throws IllegalStateException if the store is closed
     */
    public double[] pattern(int i) {
        java.util.Objects.checkIndex(i, size);
        return copyDouble((long) i * dimension, dimension);
    }

    /** A copy of pattern {@code i} as floats (a float64 store is rounded to float). */
    public float[] floatPattern(int i) {
        java.util.Objects.checkIndex(i, size);
        return copyFloat((long) i * dimension, dimension);
    }

    /**
     * All patterns, row-major, as floats (a float64 store is rounded to float).
     *
     * @throws IllegalStateException if M · d exceeds a Java array (read such a store by pattern)
     */
    public float[] toFloatArray() {
        return copyFloat(0, arrayLength());
    }

    /** All patterns, row-major, as doubles (exact for both precisions); as {@link #toFloatArray()}. */
    public double[] toDoubleArray() {
        return copyDouble(0, arrayLength());
    }

    private int arrayLength() {
        if (elements() > Check.MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("this memory store has M * d = " + size + " * " + dimension + " = "
                    + elements() + " values, more than a Java array holds (" + Check.MAX_ARRAY_LENGTH
                    + "); read it by pattern(i)");
        }
        return (int) elements();
    }

    private float[] copyFloat(long offset, int length) {
        return whileOpen(() -> PatternCopy.toFloat(block, storage, offset, length));
    }

    private double[] copyDouble(long offset, int length) {
        return whileOpen(() -> PatternCopy.toDouble(block, storage, offset, length));
    }

    /** {@code read}'s result, computed while the store is held open (so a concurrent close waits for it). */
    private <T> T whileOpen(Supplier<T> read) {
        block.acquire(CLOSED);
        try {
            return read.get();
        } finally {
            release();
        }
    }

    // ------------------------------------------------------------------ for the retriever

    /**
     * Holds the store open for one use of its native memory by a kernel; every successful call must
     * be paired with {@link #release()} (in a finally block). A mapped store is checked first, once.
     *
     * @throws IllegalStateException "memory store is closed"
     * @throws IllegalArgumentException if a mapped store holds a value that is not finite
     */
    Pointer acquire() {
        norms();
        return block.acquire(CLOSED);
    }

    /** Ends a use begun by {@link #acquire()}. */
    void release() {
        block.release();
    }

    /** Whether the native memory has been freed (closed and no retrieval in flight); for tests. */
    boolean isFreed() {
        return block.isFreed();
    }

    /** The largest Euclidean norm of a stored pattern. */
    double maxNorm() {
        return norms().maxL2();
    }

    /** The largest Manhattan norm of a stored pattern. */
    double maxL1Norm() {
        return norms().maxL1();
    }

    /**
     * The norms; for a mapped store, on first use, one pass over the file that also checks every
     * value is finite (IllegalArgumentException naming the file, row and column).
     */
    PatternNorms norms() {
        PatternNorms n = norms;
        if (n != null) return n;
        synchronized (this) {
            if (norms == null) {
                String name = "the memory store " + mappedFrom;
                norms = PatternNorms.of(whileOpen(() -> PatternCopy.measure(block, storage, elements(), dimension, name)));
            }
            return norms;
        }
    }

    // ------------------------------------------------------------------ persistence

    /** Format version of {@link #save(Path)}; {@link #load(Path)} reads exactly this version. */
    public static final int FORMAT_VERSION = 1;
    /** The archive: patterns.npy and metadata.npy starting with the magic "H4JS". */
    static final ChecksummedNpz.Format ARCHIVE =
            new ChecksummedNpz.Format("memory-store", 0x48344A53, FORMAT_VERSION, "patterns", List.of());

    /**
     * Saves the patterns to {@code path} as a NumPy {@code .npz} archive, atomically (temporary file
     * in the same directory, flushed, then renamed: a reader or a crash sees the old file or the
     * complete new one). Members:
     * <ul>
     *   <li>{@code patterns.npy}: the (M, d) float32 or float64 array, as {@code numpy.save} writes it;
     *   <li>{@code metadata.npy}: a float64 vector {@code [magic 0x48344A53 ("H4JS"), format version, M, d,
     *       bytes per element (4 or 8), CRC-32 of the pattern values]}, the CRC-32 taken over the
     *       values as little-endian bytes in row-major order (all exactly representable in float64).
     * </ul>
     * In Python: {@code z = numpy.load(path); patterns = z["patterns"]}.
     *
     * @throws IllegalStateException if the store is closed
     * @throws IOException if the file cannot be written; a previous file is then unchanged
     */
    public void save(Path path) throws IOException {
        Check.notNull(path, "path");
        if (isClosed()) throw new IllegalStateException(CLOSED);
        NpyArray patterns = precision() == Precision.FLOAT32
                ? NpyArray.ofFloat(toFloatArray(), size, dimension)
                : NpyArray.ofDouble(toDoubleArray(), size, dimension);
        ChecksummedNpz.write(path, ARCHIVE, patterns, Map.of());
    }

    /**
     * Loads a store written by {@link #save(Path)}, verifying the format version, the shape and
     * precision against the metadata, and the CRC-32 of the values. A damaged file never loads: it
     * fails with {@link MemoryStoreFormatException}.
     *
     * @throws MemoryStoreFormatException if the file is not an intact store archive (truncated,
     *     corrupted, wrong version, checksum mismatch)
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if the file cannot be read
     */
    public static MemoryStore load(Path path) throws IOException {
        Check.notNull(path, "path");
        NpyArray patterns = ChecksummedNpz.read(path, ARCHIVE, MemoryStoreFormatException::new).main();
        try {
            return of(patterns);
        } catch (IllegalArgumentException e) {
            throw new MemoryStoreFormatException(path + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Releases the native memory (now, or when the last retrieval in flight finishes). Idempotent.
     */
    @Override
    public void close() {
        block.close();
    }

    @Override
    public String toString() {
        return "MemoryStore[M=" + size + ", d=" + dimension + ", " + storage
                + (mappedFrom != null ? ", mapped " + mappedFrom : "") + (isClosed() ? ", closed]" : "]");
    }
}
