package org.hopfield4j;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.SeparationKernels;

/**
 * A separation map Sep: R^n → probability simplex, applied row by row to a batch of scores.
 *
 * <pre>{@code
 * Separation sep = Separation.entmax(1.5);
 * float[] p = sep.apply(scores, rows, n);          // one distribution per row, beta = 1
 * float[] dz = sep.backward(p, upstream, rows, n); // vector-Jacobian product
 * }</pre>
 *
 * <p>Maps: {@link #softmax()} (dense), {@link #sparsemax()} (exact projection onto the simplex),
 * {@link #entmax15()} (exact 1.5-entmax), {@link #entmax(double)} (α-entmax for any α &gt; 1, by a
 * root finder that agrees with the exact kernels at α = 1.5 and α = 2), {@link #entmaxPerRow(double...)}
 * (one α per row).
 *
 * <p><b>Layout.</b> A batch is {@code rows} rows of length {@code n}, row-major in one array or
 * direct buffer of {@code rows * n} elements. The map is applied to {@code beta * z}.
 *
 * <p><b>Masks.</b> A score of {@code -Infinity}, or {@code false} in the optional mask, masks an
 * entry: it gets probability exactly 0 and the others equal the map of the shortened row. A row
 * whose every entry is masked comes out all zeros (support 0).
 *
 * <p><b>Errors.</b> Every argument is checked before native code runs:
 * {@link NullPointerException} for a missing required argument, {@link IllegalArgumentException}
 * (naming the argument, the expected and the actual value) for a wrong length, rows &lt; 0,
 * n &lt; 1, NaN or +Infinity scores (with the index of the first), beta not finite and &gt; 0,
 * alpha not finite and &gt; 1, a buffer that is not direct, not in native byte order or read-only
 * where it is written.
 *
 * <p>Instances are immutable and safe to share between threads; the native kernels keep no shared
 * mutable state. Output may be the same array as the input (in place).
 */
public final class Separation {
    private final MapKind kind;
    private final double alpha;        // the kind's fixed alpha, or the entmax alpha (NaN: per row)
    private final double[] rowAlphas;  // native alpha argument: one value, or one per row

    private Separation(MapKind kind, double alpha, double[] rowAlphas) {
        this.kind = kind;
        this.alpha = alpha;
        this.rowAlphas = rowAlphas;
    }

    private static final Separation SOFTMAX = of(MapKind.SOFTMAX, Double.NaN);
    private static final Separation SPARSEMAX = of(MapKind.SPARSEMAX, Double.NaN);
    private static final Separation ENTMAX15 = of(MapKind.ENTMAX15, Double.NaN);

    /**
     * The map of registry entry {@code kind} (a separation map) with α {@code alpha} if it takes one;
     * a map with a fixed α gets its own. What {@link MapKind#separation(double)} returns.
     *
     * @throws IllegalArgumentException for an α that is not finite and &gt; 1
     */
    static Separation of(MapKind kind, double alpha) {
        double a = kind.parameter() == MapKind.Parameter.ALPHA ? Check.alpha(alpha, "alpha") : kind.fixedAlpha();
        return new Separation(kind, a, new double[] {a});
    }

    /** Softmax, the dense map of the classical modern Hopfield network (α = 1). */
    public static Separation softmax() {
        return SOFTMAX;
    }

    /** Sparsemax, the Euclidean projection onto the simplex (α = 2). */
    public static Separation sparsemax() {
        return SPARSEMAX;
    }

    /** 1.5-entmax by its exact sort-based closed form. */
    public static Separation entmax15() {
        return ENTMAX15;
    }

    /**
     * α-entmax for a finite α &gt; 1, computed by a safeguarded root finder to working precision.
     *
     * @throws IllegalArgumentException if α is not finite or not &gt; 1 (use {@link #softmax()} for α = 1)
     */
    public static Separation entmax(double alpha) {
        return of(MapKind.ENTMAX, alpha);
    }

    /**
     * α-entmax with its own α for each row; the batch must have exactly {@code alphas.length} rows.
     *
     * @throws IllegalArgumentException if the array is empty or any α is not finite and &gt; 1
     */
    public static Separation entmaxPerRow(double... alphas) {
        Check.notNull(alphas, "alphas");
        if (alphas.length == 0) {
            throw new IllegalArgumentException("alphas must hold one alpha per row, got an empty array");
        }
        for (int i = 0; i < alphas.length; i++) {
            Check.alpha(alphas[i], "alphas[" + i + "]");
        }
        return new Separation(MapKind.ENTMAX, Double.NaN, alphas.clone());
    }

    /**
     * The map called {@code name} in the registry ({@link MapKind#separationNamed}: softmax,
     * sparsemax, entmax15, entmax, with their aliases); {@code entmax} uses {@code alpha}, the other
     * names ignore it.
     *
     * @throws IllegalArgumentException for any other name, or an invalid alpha with {@code entmax}
     */
    public static Separation named(String name, double alpha) {
        return MapKind.separationNamed(name).separation(alpha);
    }

    /** The registry entry of this map. */
    public MapKind kind() {
        return kind;
    }

    /** α of this map: 1 (softmax), 2 (sparsemax), 1.5, the entmax α, or NaN for per-row α. */
    public double alpha() {
        return alpha;
    }

    /** Whether the map can give exact zeros (every map but softmax). */
    public boolean isSparse() {
        return !kind.isDense();
    }

    /** The per-row α values, or null when one α applies to every row. */
    public double[] rowAlphas() {
        return Double.isNaN(alpha) ? rowAlphas.clone() : null;
    }

    /** Short name: the registry label, with α for a kind that takes one: softmax, entmax(α), entmax(per-row), ... */
    public String name() {
        if (kind.parameter() != MapKind.Parameter.ALPHA) return kind.label();
        return kind.label() + (Double.isNaN(alpha) ? "(per-row)" : "(" + alpha + ")");
    }

    @Override
    public String toString() {
        return "Separation." + name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Separation s && s.kind == kind
                && Double.compare(s.alpha, alpha) == 0 && Arrays.equals(s.rowAlphas, rowAlphas);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Double.hashCode(alpha) + Arrays.hashCode(rowAlphas);
    }

    // ---------------------------------------------------------------- forward, arrays

    /** The map of every row of {@code z} (β = 1), as a new array. */
    public float[] apply(float[] z, int rows, int n) {
        return apply(z, rows, n, 1.0);
    }

    /** The map of every row of {@code beta * z}, as a new array. */
    public float[] apply(float[] z, int rows, int n, double beta) {
        Check.notNull(z, "z");
        float[] p = new float[z.length];
        apply(z, null, p, null, rows, n, beta);
        return p;
    }

    /**
     * The map of every row of {@code beta * z} into {@code out}.
     *
     * @param z       scores, rows * n
     * @param mask    null, or rows * n flags: false masks the entry
     * @param out     result, rows * n (may be {@code z})
     * @param support null, or rows ints receiving the number of non-zero entries of each row
     */
    public void apply(float[] z, boolean[] mask, float[] out, int[] support, int rows, int n, double beta) {
        checkForward(z == null ? null : z.length, mask, out == null ? null : out.length, support, rows, n, beta);
        Check.scores("z", z, beta);
        SeparationKernels.forward(kind, z, mask, out, support, rows, n, beta, rowAlphas);
    }

    /** The map of every row of {@code z} (β = 1), as a new array. */
    public double[] apply(double[] z, int rows, int n) {
        return apply(z, rows, n, 1.0);
    }

    /** The map of every row of {@code beta * z}, as a new array. */
    public double[] apply(double[] z, int rows, int n, double beta) {
        Check.notNull(z, "z");
        double[] p = new double[z.length];
        apply(z, null, p, null, rows, n, beta);
        return p;
    }

    /** As {@link #apply(float[], boolean[], float[], int[], int, int, double)}, in float64. */
    public void apply(double[] z, boolean[] mask, double[] out, int[] support, int rows, int n, double beta) {
        checkForward(z == null ? null : z.length, mask, out == null ? null : out.length, support, rows, n, beta);
        Check.scores("z", z, beta);
        SeparationKernels.forward(kind, z, mask, out, support, rows, n, beta, rowAlphas);
    }

    // ---------------------------------------------------------------- forward, direct buffers

    /**
     * The map of every row of {@code beta * z} for direct buffers in native byte order, read and
     * written from their positions ({@code remaining()} must be exactly rows * n; rows for support).
     * A mask byte of 0 masks the entry. {@code mask} and {@code support} may be null.
     */
    public void apply(FloatBuffer z, ByteBuffer mask, FloatBuffer out, IntBuffer support, int rows, int n, double beta) {
        int size = checkForwardBuffers(z, mask, out, support, rows, n, beta);
        Check.scores("z", z, size, beta);
        SeparationKernels.forward(kind, z, mask, out, support, rows, n, beta, rowAlphas);
    }

    /** As {@link #apply(FloatBuffer, ByteBuffer, FloatBuffer, IntBuffer, int, int, double)}, in float64. */
    public void apply(DoubleBuffer z, ByteBuffer mask, DoubleBuffer out, IntBuffer support, int rows, int n, double beta) {
        int size = checkForwardBuffers(z, mask, out, support, rows, n, beta);
        Check.scores("z", z, size, beta);
        SeparationKernels.forward(kind, z, mask, out, support, rows, n, beta, rowAlphas);
    }

    // ---------------------------------------------------------------- backward

    /** Vector-Jacobian product for β = 1: dz = J(z)ᵀ g, from the forward output p. */
    public float[] backward(float[] p, float[] g, int rows, int n) {
        Check.notNull(p, "p");
        float[] dz = new float[p.length];
        backward(p, g, dz, rows, n, 1.0);
        return dz;
    }

    /**
     * Vector-Jacobian product of z ↦ Sep(beta · z): {@code dz = beta · J(beta·z)ᵀ g}, computed from
     * the forward output {@code p} (non-negative, finite) and the upstream gradient {@code g}
     * (finite). {@code dz} may be {@code g}.
     *
     * @throws IllegalArgumentException also when β·|g| or β·p^(2−α) is so large that dz (or the
     *     kernel's sums) could overflow, before any native call ({@code BackwardBounds})
     */
    public void backward(float[] p, float[] g, float[] dz, int rows, int n, double beta) {
        int size = checkBackward(p == null ? null : p.length, g == null ? null : g.length,
                dz == null ? null : dz.length, rows, n, beta);
        Check.finite("g", g);
        checkProbabilities(p, size);
        BackwardBounds.check(kind, rowAlphas, i -> p[i], i -> g[i], rows, n, beta, Precision.FLOAT32);
        SeparationKernels.backward(kind, p, g, dz, rows, n, beta, rowAlphas);
    }

    /** Vector-Jacobian product for β = 1, in float64. */
    public double[] backward(double[] p, double[] g, int rows, int n) {
        Check.notNull(p, "p");
        double[] dz = new double[p.length];
        backward(p, g, dz, rows, n, 1.0);
        return dz;
    }

    /** As {@link #backward(float[], float[], float[], int, int, double)}, in float64. */
    public void backward(double[] p, double[] g, double[] dz, int rows, int n, double beta) {
        int size = checkBackward(p == null ? null : p.length, g == null ? null : g.length,
                dz == null ? null : dz.length, rows, n, beta);
        Check.finite("g", g);
        checkProbabilities(p, size);
        BackwardBounds.check(kind, rowAlphas, i -> p[i], i -> g[i], rows, n, beta, Precision.FLOAT64);
        SeparationKernels.backward(kind, p, g, dz, rows, n, beta, rowAlphas);
    }

    // ---------------------------------------------------------------- validation

    private void checkForward(Integer zLen, boolean[] mask, Integer outLen, int[] support, int rows, int n, double beta) {
        if (zLen == null) throw new NullPointerException("z must not be null");
        if (outLen == null) throw new NullPointerException("out must not be null");
        int size = Check.batchSize(rows, n);
        Check.beta(beta);
        Check.length("z", zLen, size, "rows * n = " + rows + " * " + n);
        Check.length("out", outLen, size, "rows * n = " + rows + " * " + n);
        if (mask != null) Check.length("mask", mask.length, size, "rows * n = " + rows + " * " + n);
        if (support != null) Check.length("support", support.length, rows, "one count per row");
        checkRowAlphas(rows);
    }

    private int checkForwardBuffers(java.nio.Buffer z, ByteBuffer mask, java.nio.Buffer out, IntBuffer support,
                                    int rows, int n, double beta) {
        int size = Check.batchSize(rows, n);
        Check.beta(beta);
        Check.buffer("z", z, size, false);
        Check.buffer("out", out, size, true);
        if (mask != null) Check.buffer("mask", mask, size, false);
        if (support != null) Check.buffer("support", support, rows, true);
        checkRowAlphas(rows);
        return size;
    }

    private int checkBackward(Integer pLen, Integer gLen, Integer dzLen, int rows, int n, double beta) {
        if (pLen == null) throw new NullPointerException("p must not be null");
        if (gLen == null) throw new NullPointerException("g must not be null");
        if (dzLen == null) throw new NullPointerException("dz must not be null");
        int size = Check.batchSize(rows, n);
        Check.beta(beta);
        Check.length("p", pLen, size, "rows * n = " + rows + " * " + n);
        Check.length("g", gLen, size, "rows * n = " + rows + " * " + n);
        Check.length("dz", dzLen, size, "rows * n = " + rows + " * " + n);
        checkRowAlphas(rows);
        return size;
    }

    private static void checkProbabilities(float[] p, int size) {
        for (int i = 0; i < size; i++) {
            if (!(p[i] >= 0) || p[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("p[" + i + "] = " + p[i] + ": expected the forward output (finite, >= 0)");
            }
        }
    }

    private static void checkProbabilities(double[] p, int size) {
        for (int i = 0; i < size; i++) {
            if (!(p[i] >= 0) || p[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("p[" + i + "] = " + p[i] + ": expected the forward output (finite, >= 0)");
            }
        }
    }

    private void checkRowAlphas(int rows) {
        boolean perRow = Double.isNaN(alpha);
        if (perRow && rowAlphas.length != rows) {
            throw new IllegalArgumentException("this entmax has " + rowAlphas.length
                    + " per-row alphas but the batch has " + rows + " rows");
        }
    }
}
