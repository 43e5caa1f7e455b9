package org.hopfield4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyFormatException;

/**
 * A learned U-Hop feature map Φ(u) = W u (W: D_Φ × d, row-major, held in double) and the kernel
 * K(u, v) = ⟨W u, W v⟩ it defines for stage II retrieval.
 *
 * <p>Stage II costs what a dot-product step costs because the keys A = Ξ WᵀW (M × d, row μ = WᵀW ξ_μ,
 * so K(ξ_μ, x) = ⟨A_μ, x⟩) are computed once per store with two matrix products:
 * {@link #similarity()} hands W to a {@link Retriever}, which does this when it is built;
 * {@link #keys(MemoryStore)} computes A explicitly and {@link #similarity(MemoryStore)} wraps A
 * (and W, for energies) as a precomputed similarity.
 *
 * <pre>{@code
 * LearnedKernel kernel = KernelTrainer.builder().epochs(100).build().train(store);
 * kernel.save(Path.of("kernel.npz"));       // W + training settings + history, checksummed
 * kernel.saveNpy(Path.of("w.npy"));         // W alone, for numpy
 * try (Retriever r = kernel.retriever(store).map(Separation.softmax()).build()) { ... }
 * LearnedKernel again = LearnedKernel.load(Path.of("kernel.npz"));   // or w.npy
 * }</pre>
 *
 * <p>A kernel from {@link KernelTrainer} also carries its training: the settings ({@link #training()})
 * and the loss and the smallest squared pairwise feature distance before every epoch and after the
 * last ({@link #lossHistory()}, {@link #minDistanceHistory()}: epochs + 1 values each). One made with
 * {@link #of(double[], int, int)} or loaded from a {@code .npy} file has none.
 *
 * <p><b>Files.</b> {@link #save(Path)} writes a kernel archive: an {@code .npz} (readable with
 * {@code numpy.load}) holding W, the training settings and history if any, a format version and a
 * CRC-32 over all values, written atomically. {@link #saveNpy(Path)} writes W alone as a float64
 * {@code .npy}. {@link #load(Path)} reads either, telling them apart by their first bytes; a kernel
 * archive is verified in full, and any damaged file fails with {@link LearnedKernelFormatException}.
 *
 * <p>Instances are immutable and safe to share; they hold no native memory.
 */
public final class LearnedKernel {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Format version of the kernel archive {@link #save(Path)} writes; {@link #load(Path)} reads exactly this version. */
    public static final int FORMAT_VERSION = 1;

    private final double[] w;
    private final int D;
    private final int d;
    private final KernelTraining training;    // null if unknown
    private final double[] lossHistory;
    private final double[] minDistanceHistory;

    /** W (owned, checked by the caller), and the training with its epochs + 1 history values, or null and empty. */
    LearnedKernel(double[] w, int D, int d, KernelTraining training, double[] lossHistory, double[] minDistanceHistory) {
        this.w = w;
        this.D = D;
        this.d = d;
        this.training = training;
        this.lossHistory = lossHistory;
        this.minDistanceHistory = minDistanceHistory;
    }

    /**
     * A kernel from a given W (D × d, row-major; copied).
     *
     * @throws IllegalArgumentException for D or d &lt; 1, a wrong length or a value that is not finite
     */
    public static LearnedKernel of(double[] w, int D, int d) {
        Check.notNull(w, "W");
        int n = Check.matrixSize("D", D, 1, "d", d);
        Check.length("W", w.length, n, "D * d = " + D + " * " + d);
        Check.finiteMatrix("W", w, d);
        return new LearnedKernel(w.clone(), D, d, null, new double[0], new double[0]);
    }

    // ------------------------------------------------------------------ files

    /**
     * Saves the kernel as a kernel archive (a NumPy {@code .npz}), atomically: a reader or a crash sees
     * the previous file or the complete new one. Members, all read by {@code numpy.load(path)}:
     * {@code W.npy} (float64, D × d); {@code metadata.npy}, float64 {@code [magic 0x48344A4B ("H4JK"),
     * format version, D, d, 8, CRC-32]}; and for a trained kernel {@code training.npy} (the
     * {@link KernelTraining} as 15 numbers, see docs/formats.md#archives), {@code loss_history.npy} and
     * {@code min_distance_history.npy}. The CRC-32 is taken over the values of W, training,
     * loss_history and min_distance_history in that order, as little-endian bytes.
     *
     * @throws IOException if the file cannot be written; a previous file is then unchanged
     */
    public void save(Path path) throws IOException {
        Check.notNull(path, "path");
        KernelArchive.write(path, this);
    }

    /** Writes W alone as a float64 {@code .npy} array of shape (D, d), atomically (no settings, no checksum). */
    public void saveNpy(Path path) throws IOException {
        Check.notNull(path, "path");
        Npy.write(path, w, D, d);
    }

    /**
     * Reads a kernel archive written by {@link #save(Path)} (starting with the ZIP signature "PK"),
     * verifying the format version, the shapes and the CRC-32 and restoring the training settings and
     * history; or a {@code .npy} file holding W as a 2-D float32 or float64 array (D, d), as written by
     * {@link #saveNpy(Path)} or {@code numpy.save} (only its structure can be checked: it has no checksum).
     *
     * @throws LearnedKernelFormatException if the file is neither, or is truncated, corrupted, of another
     *     format version, or holds a W that is not 2-D, empty or not finite
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws IOException if the file cannot be read
     */
    public static LearnedKernel load(Path path) throws IOException {
        Check.notNull(path, "path");
        return isArchive(path) ? KernelArchive.read(path) : loadNpy(path);
    }

    /** Whether the file starts like a ZIP (a kernel archive) or like a {@code .npy}; anything else is rejected. */
    private static boolean isArchive(Path path) throws IOException {
        byte[] head = new byte[NPY_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && head[0] == 'P' && head[1] == 'K') return true;
        if (Arrays.equals(head, 0, n, NPY_MAGIC, 0, NPY_MAGIC.length)) return false;
        throw new LearnedKernelFormatException(path + ": not a kernel file: expected a kernel archive (.npz, starting"
                + " with \"PK\") or a .npy array (starting with \\x93NUMPY), found "
                + (n == 0 ? "an empty file" : "the bytes " + HexFormat.of().formatHex(head, 0, n)));
    }

    private static LearnedKernel loadNpy(Path path) throws IOException {
        NpyArray a;
        try {
            a = Npy.read(path);
        } catch (NpyFormatException e) {
            throw new LearnedKernelFormatException(e.getMessage(), e);
        }
        if (a.rank() != 2) {
            throw new LearnedKernelFormatException(path + ": W must be a 2-D array of shape (D, d), got shape "
                    + Arrays.toString(a.shape()));
        }
        try {
            return of(a.toDouble(), a.rows(), a.cols());
        } catch (IllegalArgumentException e) {
            throw new LearnedKernelFormatException(path + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the kernel

    /** A copy of W (D × d, row-major). */
    public double[] featureMap() {
        return w.clone();
    }

    /** D_Φ, the rows of W. */
    public int featureDimension() {
        return D;
    }

    /** d, the pattern dimension. */
    public int inputDimension() {
        return d;
    }

    /** Φ(u) = W u for one pattern u of length d. */
    public double[] features(double[] u) {
        Check.notNull(u, "u");
        Check.length("u", u.length, d, "the kernel's input dimension d");
        double[] f = new double[D];
        for (int i = 0; i < D; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += w[i * d + j] * u[j];
            f[i] = s;
        }
        return f;
    }

    /** The kernel similarity ⟨W ξ, W x⟩ for a {@link Retriever} (which precomputes A = Ξ WᵀW at build time). */
    public Similarity similarity() {
        return Similarity.kernel(w, D, d);
    }

    /** {@code Retriever.builder(store).similarity(similarity())}: set the map (and β, steps, ...) and build. */
    public Retriever.Builder retriever(MemoryStore store) {
        checkStore(store);
        return Retriever.builder(store).similarity(similarity());
    }

    /**
     * The keys A = Ξ WᵀW of {@code store} (M × d, row-major; row μ = WᵀW ξ_μ), computed natively in the
     * store's precision with two matrix products per chunk of patterns.
     *
     * @throws IllegalArgumentException if the store's dimension is not d, or A overflows its precision
     * @throws IllegalStateException if the store is closed
     */
    public double[] keys(MemoryStore store) {
        checkStore(store);
        int M = store.size();
        Check.matrixSize("M", M, 1, "d", d);
        try (KernelKeys keys = KernelKeys.of(store, similarity())) {
            double[] a = new double[M * d];
            if (store.precision() == Precision.FLOAT32) {
                float[] f = new float[M * d];
                keys.keys.floatPointer().get(f, 0, f.length);
                for (int i = 0; i < f.length; i++) a[i] = f[i];
            } else {
                keys.keys.doublePointer().get(a, 0, a.length);
            }
            return a;
        }
    }

    /** The kernel with its keys precomputed for {@code store} (and W, so energies work). */
    public Similarity similarity(MemoryStore store) {
        double[] a = keys(store);
        return Similarity.kernelKeys(a, store.size(), d, w, D);
    }

    private void checkStore(MemoryStore store) {
        Check.notNull(store, "store");
        if (store.isClosed()) {
            throw new IllegalStateException(MemoryStore.CLOSED);
        }
        if (store.dimension() != d) {
            throw new IllegalArgumentException("the memory store has dimension " + store.dimension()
                    + " but the kernel's W has d = " + d + " columns");
        }
    }

    // ------------------------------------------------------------------ training record

    /** The training loss before every epoch and after the last (epochs + 1 values; empty if unknown). */
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /** min over pairs of the squared feature distance, at the same points as {@link #lossHistory()}. */
    public double[] minDistanceHistory() {
        return minDistanceHistory.clone();
    }

    /** The settings it was trained with, or empty if unknown (made with {@link #of} or loaded from a {@code .npy}). */
    public Optional<KernelTraining> training() {
        return Optional.ofNullable(training);
    }

    /** The loss it was trained with, or null if unknown. */
    public SeparationLoss loss() {
        return training == null ? null : training.loss();
    }

    /** The t it was trained with, or NaN if unknown. */
    public double t() {
        return training == null ? Double.NaN : training.t();
    }

    /** Whether training normalised the features (false if unknown). */
    public boolean normalizedFeatures() {
        return training != null && training.normalizeFeatures();
    }

    /** Whether the rows of W were scaled to unit norm after training (false if unknown). */
    public boolean rowNormalized() {
        return training != null && training.normalizeRows();
    }

    @Override
    public String toString() {
        return "LearnedKernel[W " + D + " x " + d + (training == null ? "" : ", " + training.loss().label()
                + " loss, t=" + training.t() + ", " + (lossHistory.length - 1) + " epochs, final loss " + lossHistory[lossHistory.length - 1]) + "]";
    }
}
