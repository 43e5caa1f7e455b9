package org.hopfield4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.Npy;
import org.hopfield4j.io.NpyArray;

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
 * kernel.save(Path.of("w.npy"));
 * try (Retriever r = kernel.retriever(store).map(Separation.softmax()).build()) { ... }
 * LearnedKernel again = LearnedKernel.load(Path.of("w.npy"));
 * }</pre>
 *
 * <p>A kernel from {@link KernelTrainer} also carries its training record: the loss and the smallest
 * squared pairwise feature distance before every epoch and after the last ({@link #lossHistory()},
 * {@link #minDistanceHistory()}: epochs + 1 values each), the loss, t and the normalisation options.
 * One made with {@link #of(double[], int, int)} or loaded from a file has an empty record.
 *
 * <p>Instances are immutable and safe to share; they hold no native memory.
 */
public final class LearnedKernel {
    private final double[] w;
    private final int D;
    private final int d;
    private final double[] lossHistory;
    private final double[] minDistanceHistory;
    private final SeparationLoss loss;        // null if unknown
    private final double t;                   // NaN if unknown
    private final boolean normalizedFeatures;
    private final boolean rowNormalized;

    LearnedKernel(double[] w, int D, int d, double[] lossHistory, double[] minDistanceHistory, SeparationLoss loss,
                  double t, boolean normalizedFeatures, boolean rowNormalized) {
        this.w = w;
        this.D = D;
        this.d = d;
        this.lossHistory = lossHistory;
        this.minDistanceHistory = minDistanceHistory;
        this.loss = loss;
        this.t = t;
        this.normalizedFeatures = normalizedFeatures;
        this.rowNormalized = rowNormalized;
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
        return new LearnedKernel(w.clone(), D, d, new double[0], new double[0], null, Double.NaN, false, false);
    }

    /**
     * Reads W from a {@code .npy} file holding a 2-D float32 or float64 array of shape (D, d).
     *
     * @throws org.hopfield4j.io.NpyFormatException if the file is not a supported {@code .npy} array
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the array is not 2-D, is empty or holds a value that is not finite
     */
    public static LearnedKernel load(Path path) throws IOException {
        Check.notNull(path, "path");
        NpyArray a = Npy.read(path);
        if (a.rank() != 2) {
            throw new IllegalArgumentException("W in " + path + " must be a 2-D array of shape (D, d), got shape "
                    + Arrays.toString(a.shape()));
        }
        return of(a.toDouble(), a.rows(), a.cols());
    }

    /** Writes W as a float64 {@code .npy} array of shape (D, d) (atomically: a failed write leaves no partial file). */
    public void save(Path path) throws IOException {
        Check.notNull(path, "path");
        Npy.write(path, w, D, d);
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

    /** The loss it was trained with, or null if unknown. */
    public SeparationLoss loss() {
        return loss;
    }

    /** The t it was trained with, or NaN if unknown. */
    public double t() {
        return t;
    }

    /** Whether training normalised the features (false if unknown). */
    public boolean normalizedFeatures() {
        return normalizedFeatures;
    }

    /** Whether the rows of W were scaled to unit norm after training (false if unknown). */
    public boolean rowNormalized() {
        return rowNormalized;
    }

    @Override
    public String toString() {
        return "LearnedKernel[W " + D + " x " + d + (loss == null ? "" : ", " + loss.label() + " loss, t=" + t
                + ", " + (lossHistory.length - 1) + " epochs, final loss " + lossHistory[lossHistory.length - 1]) + "]";
    }
}
