package org.hopfield4j;

import java.util.ArrayList;
import java.util.List;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.NpyArray;

/**
 * The similarity s_μ = sim(ξ_μ, x) between each stored pattern and a query, whose scaled scores
 * β·s feed the separation map.
 *
 * <ul>
 *   <li>{@link #dot()} (the default): s_μ = ⟨ξ_μ, x⟩.
 *   <li>{@link #negativeL2()}: s_μ = −‖ξ_μ − x‖ (the Euclidean distance, not squared).
 *   <li>{@link #negativeManhattan()}: s_μ = −Σ_i |ξ_μi − x_i|.
 *   <li>{@link #cosine()}: s_μ = ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖), the angle between the unit-normalised
 *       pattern and query (the usual choice for embeddings); 0 when either is the zero vector. The
 *       update still averages the raw patterns. No energy: the scores are not linear in x, so
 *       ½⟨x, x⟩ − (1/β)Ψ*(β s(x)) is not a Lyapunov function of this update.
 *   <li>{@link #kernel(float[], int, int)}: the U-Hop kernel s_μ = ⟨W ξ_μ, W x⟩ of a learned feature
 *       map Φ(u) = W u with W of shape D × d (row-major). The retriever precomputes the keys
 *       A = Ξ WᵀW (M × d) once, with two matrix products, so every kernel step costs a dot-product step.
 *   <li>{@link #kernelKeys(float[], int, int)}: the same kernel from keys A = Ξ WᵀW computed
 *       elsewhere (M × d, one row per stored pattern), optionally with W itself, which energies need
 *       (K(x, x) = ‖W x‖²).
 * </ul>
 *
 * <p>Shapes against the store (W has d columns, A is M × d) are checked when a
 * {@link Retriever} is built. W and A are copied; given as float[] or double[] they are converted to
 * the store's precision (double values are rounded for a float32 store). The energy of the kernel
 * similarity is a Lyapunov function of the retrieval only when W has full column rank (D ≥ d and
 * rank d); that is not checked.
 *
 * <p>Instances are immutable and safe to share.
 */
public final class Similarity {
    /**
     * The registry of similarities: each with its code in the native public header
     * ({@code SimilarityKind} of {@code hopfield4j_kinds.h}, checked by a test), its one name on the
     * command line and in the DSL with the accepted aliases, whether the energy exists for it, and
     * how large its scores can get. To add a similarity: one constant here (and a factory below),
     * its scores in {@code retrieval_scores.hpp} and one line in {@code hopfield4j_kinds.h}, and its
     * float64 reference in {@link org.hopfield4j.reference.ReferenceRetrieval}.
     */
    public enum Kind implements RegisteredKind {
        /** ⟨ξ, x⟩. */
        DOT(0, "dot", true),
        /** ⟨W ξ, W x⟩ of a learned feature map W (energy only when W is known). */
        KERNEL(1, "kernel", true),
        /** −‖ξ − x‖₂. */
        NEGATIVE_L2(2, "l2", false),
        /** −Σ |ξ − x|. */
        NEGATIVE_MANHATTAN(3, "manhattan", false, "l1"),
        /** ⟨ξ, x⟩ / (‖ξ‖ ‖x‖), 0 for a zero vector. */
        COSINE(4, "cosine", false);

        private final Names names;
        private final boolean energy;

        Kind(int nativeCode, String label, boolean energy, String... aliases) {
            this.names = Names.of(nativeCode, label, aliases);
            this.energy = energy;
        }

        /** Its value in the native {@code SimilarityKind} enum, its name and the aliases {@link #named(String)} accepts. */
        @Override
        public Names names() {
            return names;
        }

        /** Whether the retrieval energy can exist with this similarity (for the kernel: when W is known). */
        public boolean hasEnergy() {
            return energy;
        }

        /** Whether it is given by data (W or keys) rather than by its name alone. */
        public boolean needsData() {
            return this == KERNEL;
        }

        /**
         * A bound on |s| for a query of Euclidean norm {@code queryL2} and L1 norm {@code queryL1},
         * given the largest norms of the keys (what the scores are taken against), and the L2 and L1
         * norms of the stored patterns.
         */
        public double scoreBound(double keyL2, double patternL2, double patternL1, double queryL2, double queryL1) {
            return switch (this) {
                case DOT, KERNEL -> keyL2 * queryL2;
                case NEGATIVE_L2 -> (patternL2 + queryL2) * (patternL2 + queryL2);
                case NEGATIVE_MANHATTAN -> patternL1 + queryL1;
                // |s| <= 1, but the kernel forms <x, xi> and the squared norms first
                case COSINE -> Math.max(keyL2 * queryL2, Math.max(keyL2 * keyL2, queryL2 * queryL2));
            };
        }

        /**
         * The similarity kind called {@code name} (its label or an alias, case-insensitive).
         *
         * @throws IllegalArgumentException for any other name, listing the accepted ones
         */
        public static Kind named(String name) {
            return RegisteredKind.parse("similarity", name, List.of(values()));
        }

        /** The labels of the similarities given by their name alone (not the kernel), in order. */
        public static List<String> namedLabels() {
            List<String> out = new ArrayList<>();
            for (Kind k : values()) {
                if (!k.needsData()) out.add(k.label());
            }
            return out;
        }
    }

    private static final Similarity DOT = new Similarity(Kind.DOT, null, 0, 0, null, 0);
    private static final Similarity L2 = new Similarity(Kind.NEGATIVE_L2, null, 0, 0, null, 0);
    private static final Similarity L1 = new Similarity(Kind.NEGATIVE_MANHATTAN, null, 0, 0, null, 0);
    private static final Similarity COSINE = new Similarity(Kind.COSINE, null, 0, 0, null, 0);

    private final Kind kind;
    private final double[] w;       // D x d feature map, or null
    private final int wRows;        // D
    private final int cols;         // d of W or A
    private final double[] keys;    // M x d precomputed keys, or null
    private final int keyRows;      // M

    private Similarity(Kind kind, double[] w, int wRows, int cols, double[] keys, int keyRows) {
        this.kind = kind;
        this.w = w;
        this.wRows = wRows;
        this.cols = cols;
        this.keys = keys;
        this.keyRows = keyRows;
    }

    /** s_μ = ⟨ξ_μ, x⟩, the similarity of every modern Hopfield model (the default). */
    public static Similarity dot() {
        return DOT;
    }

    /** s_μ = −‖ξ_μ − x‖, the negative Euclidean distance (a baseline of the U-Hop paper). */
    public static Similarity negativeL2() {
        return L2;
    }

    /** s_μ = −Σ |ξ_μ − x|, the negative Manhattan distance (a baseline of the U-Hop paper). */
    public static Similarity negativeManhattan() {
        return L1;
    }

    /** s_μ = ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖), cosine similarity; 0 when ξ_μ or x is the zero vector. */
    public static Similarity cosine() {
        return COSINE;
    }

    /**
     * The kernel ⟨W ξ, W x⟩ of the feature map W, given row-major with {@code D} rows and {@code d}
     * columns (d must equal the store's dimension).
     *
     * @throws IllegalArgumentException for D or d &lt; 1, a wrong length or a value that is not finite
     */
    public static Similarity kernel(float[] w, int D, int d) {
        Check.notNull(w, "W");
        return kernel(widen(w), D, d);
    }

    /** As {@link #kernel(float[], int, int)}, from doubles. */
    public static Similarity kernel(double[] w, int D, int d) {
        return new Similarity(Kind.KERNEL, checkedMatrix("W", w, D, "D", d), D, d, null, 0);
    }

    /** As {@link #kernel(float[], int, int)}, from a 2-D float32/float64 array of shape (D, d). */
    public static Similarity kernel(NpyArray w) {
        Check.notNull(w, "W");
        if (w.rank() != 2) {
            throw new IllegalArgumentException("W must be a 2-D array of shape (D, d), got shape "
                    + java.util.Arrays.toString(w.shape()));
        }
        return kernel(w.toDouble(), w.rows(), w.cols());
    }

    /**
     * The kernel given by precomputed keys A = Ξ WᵀW (M × d, row-major, row μ = WᵀW ξ_μ). Retrieval
     * works without W; energies need {@link #kernelKeys(float[], int, int, float[], int)}.
     */
    public static Similarity kernelKeys(float[] a, int M, int d) {
        Check.notNull(a, "A");
        return kernelKeys(widen(a), M, d);
    }

    /** As {@link #kernelKeys(float[], int, int)}, from doubles. */
    public static Similarity kernelKeys(double[] a, int M, int d) {
        return new Similarity(Kind.KERNEL, null, 0, d, checkedMatrix("A", a, M, "M", d), M);
    }

    /** Precomputed keys A (M × d) together with the feature map W (D × d) they came from. */
    public static Similarity kernelKeys(float[] a, int M, int d, float[] w, int D) {
        Check.notNull(a, "A");
        Check.notNull(w, "W");
        return kernelKeys(widen(a), M, d, widen(w), D);
    }

    /** As {@link #kernelKeys(float[], int, int, float[], int)}, from doubles. */
    public static Similarity kernelKeys(double[] a, int M, int d, double[] w, int D) {
        double[] keys = checkedMatrix("A", a, M, "M", d);
        double[] map = checkedMatrix("W", w, D, "D", d);
        return new Similarity(Kind.KERNEL, map, D, d, keys, M);
    }

    /**
     * The similarity called {@code name} in the registry ({@link Kind#named}): {@code dot},
     * {@code l2} (negative L2), {@code manhattan} (negative Manhattan, alias {@code l1}) or
     * {@code cosine}, case-insensitive. The kernel needs W and has no name here.
     *
     * @throws IllegalArgumentException for an unknown name or {@code kernel}
     */
    public static Similarity named(String name) {
        Kind kind = Kind.named(name);
        return switch (kind) {
            case DOT -> dot();
            case NEGATIVE_L2 -> negativeL2();
            case NEGATIVE_MANHATTAN -> negativeManhattan();
            case COSINE -> cosine();
            case KERNEL -> throw new IllegalArgumentException("the kernel similarity needs W: use Similarity.kernel(W, D, d)"
                    + " (the similarities by name are " + String.join(", ", Kind.namedLabels()) + ")");
        };
    }

    private static double[] checkedMatrix(String name, double[] a, int rows, String rowsName, int d) {
        Check.notNull(a, name);
        int n = Check.matrixSize(name + " rows " + rowsName, rows, 1, name + " columns d", d);
        Check.length(name, a.length, n, rowsName + " * d = " + rows + " * " + d);
        Check.finiteMatrix(name, a, d);
        return a.clone();
    }

    private static double[] widen(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    // ------------------------------------------------------------------ accessors

    /** The family. */
    public Kind kind() {
        return kind;
    }

    /** Whether the energy (docs/math.md#energy) is defined for this similarity (dot, or a kernel with W). */
    public boolean hasEnergy() {
        return kind.hasEnergy() && (kind != Kind.KERNEL || w != null);
    }

    /** Whether this is a kernel given by precomputed keys A (rather than computed from W). */
    public boolean hasPrecomputedKeys() {
        return keys != null;
    }

    /** A copy of W (D × d, row-major), or null if there is none. */
    public double[] featureMap() {
        return w == null ? null : w.clone();
    }

    /** D, the rows of W (0 if there is no W). */
    public int featureDimension() {
        return wRows;
    }

    /** d of W or A (0 for the non-kernel similarities). */
    public int inputDimension() {
        return cols;
    }

    /** M of the precomputed keys (0 if none). */
    public int keyCount() {
        return keyRows;
    }

    /** W without copying, for the retriever. */
    double[] featureMapShared() {
        return w;
    }

    /** A without copying, for the retriever. */
    double[] keysShared() {
        return keys;
    }

    /** Short name: the registry label (dot, l2, manhattan, cosine), or kernel(D x d) or kernel-keys(M x d). */
    public String name() {
        if (kind != Kind.KERNEL) return kind.label();
        return keys == null ? "kernel(" + wRows + " x " + cols + ")"
                : "kernel-keys(" + keyRows + " x " + cols + (w == null ? ")" : ", W " + wRows + " x " + cols + ")");
    }

    @Override
    public String toString() {
        return "Similarity." + name();
    }
}
