package org.hopfield4j.nn;

import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Check;
import org.hopfield4j.nativelib.HopfieldNative.AssociationCall;

/**
 * The association primitive of every differentiable Hopfield computation: for each of a batch of
 * independent problems (bags, heads, …)
 *
 * <pre>
 *   S = Q Kᵀ,   P = map(β S + mask) row by row,   out = P V
 * </pre>
 *
 * with its backward (docs/math.md#association): {@link #forward} returns the output and keeps P
 * (readable: the attention maps) for {@link AssociationForward#backward}, which returns dQ, dK, dV,
 * dβ and dα. The Hopfield layers and the backward through retrieval ({@link RetrievalGradient}) are
 * built on it. Native, float32 ({@code float[]}) and float64 ({@code double[]}): the products go
 * through OpenBLAS, the map and its vector–Jacobian product through the separation kernels.
 *
 * <pre>{@code
 * Association a = Association.of(Separation.sparsemax(), new Association.Shape(bags, 1, 50, 64, 64))
 *         .withKeyCounts(instancesPerBag);                     // padding beyond each bag's count
 * AssociationForward<float[]> f = a.forward(q, k, v, beta);    // one β, or one per problem
 * float[] out = f.output();                                    // problems × Nq × dv
 * AssociationGradients<float[]> g = f.backward(dOut);
 * }</pre>
 *
 * <p><b>Layout.</b> Row-major, problems stacked: Q is problems × Nq × dk, K problems × Nk × dk, V
 * problems × Nk × dv, P problems × Nq × Nk, out problems × Nq × dv (see {@link Shape}).
 *
 * <p><b>Map.</b> Any {@link Separation}: softmax, sparsemax, 1.5-entmax, α-entmax with one α or one α
 * per row ({@link Separation#entmaxPerRow}, problems × Nq values, row r = problem · Nq + query),
 * normmax. dα is computed for α-entmax ({@link MapKind#ENTMAX}) only: one value, or one per row.
 *
 * <p><b>Masks.</b> {@link #withMask} (false = masked) and {@link #withKeyCounts} (keys at or beyond
 * a problem's count are padding) give the masked entries probability exactly 0; a row with nothing
 * left is all zeros and gets zero gradients. {@link #withDropout} drops entries of P after the map
 * (out = (P ∘ keep / (1 − rate)) V; {@link AssociationForward#associations()} is the undropped P).
 *
 * <p>Every argument is validated before native code runs (shapes, lengths, finite values, β finite
 * and &gt; 0, the per-row α count). Instances are immutable; the {@code with…} methods return copies.
 */
public final class Association {
    /**
     * The shapes of one association call.
     *
     * @param problems independent problems in the batch, ≥ 1
     * @param queries  Nq, queries per problem, ≥ 1
     * @param keys     Nk, keys (and values) per problem, ≥ 1
     * @param keyDim   dk, the width of queries and keys, ≥ 1
     * @param valueDim dv, the width of values and outputs, ≥ 1
     */
    public record Shape(int problems, int queries, int keys, int keyDim, int valueDim) {
        public Shape {
            int rows = Check.matrixSize("problems", problems, 1, "queries", queries);
            int keyRows = Check.matrixSize("problems", problems, 1, "keys", keys);
            Check.matrixSize("problems * queries", rows, 1, "2 * keys", 2 * keys); // P | S in one array
            Check.matrixSize("problems * queries", rows, 1, "keyDim", keyDim);
            Check.matrixSize("problems * keys", keyRows, 1, "keyDim", keyDim);
            Check.matrixSize("problems * keys", keyRows, 1, "valueDim", valueDim);
            Check.matrixSize("problems * queries", rows, 1, "valueDim", valueDim);
        }

        /** problems × Nq, the rows of P. */
        public int rows() {
            return problems * queries;
        }

        int querySize() {
            return problems * queries * keyDim;
        }

        int keySize() {
            return problems * keys * keyDim;
        }

        int valueSize() {
            return problems * keys * valueDim;
        }

        int outputSize() {
            return problems * queries * valueDim;
        }

        int associationSize() {
            return problems * queries * keys;
        }
    }

    private final Separation map;
    private final Shape shape;
    private final boolean[] mask;  // null: none (key counts folded in)
    private final boolean[] keep;  // null: no dropout
    private final double dropScale;

    private Association(Separation map, Shape shape, boolean[] mask, boolean[] keep, double dropScale) {
        this.map = map;
        this.shape = shape;
        this.mask = mask;
        this.keep = keep;
        this.dropScale = dropScale;
    }

    /**
     * The association of {@code map} for problems of {@code shape}.
     *
     * @throws IllegalArgumentException if the map has per-row α whose count is not problems × Nq
     */
    public static Association of(Separation map, Shape shape) {
        Check.notNull(map, "map");
        Check.notNull(shape, "shape");
        double[] rowAlphas = map.rowAlphas();
        if (rowAlphas != null && rowAlphas.length != shape.rows()) {
            throw new IllegalArgumentException("the map has " + rowAlphas.length
                    + " per-row alphas, expected problems * queries = " + shape.rows());
        }
        return new Association(map, shape, null, null, 1.0);
    }

    /**
     * With an association mask of problems × Nq × Nk flags (false: the query may not attend to the key),
     * combined with any mask already set (an entry is live only if every mask allows it).
     */
    public Association withMask(boolean[] allowed) {
        Check.notNull(allowed, "mask");
        Check.length("mask", allowed.length, shape.associationSize(), "problems * queries * keys");
        boolean[] m = allowed.clone();
        if (mask != null) {
            for (int i = 0; i < m.length; i++) m[i] &= mask[i];
        }
        return new Association(map, shape, m, keep, dropScale);
    }

    /**
     * With a padding mask: problem b has {@code counts[b]} real keys (0 ≤ count ≤ Nk), the keys at or
     * beyond it are padding that no query sees.
     */
    public Association withKeyCounts(int[] counts) {
        Check.notNull(counts, "keyCounts");
        Check.length("keyCounts", counts.length, shape.problems(), "one count per problem");
        int nq = shape.queries(), nk = shape.keys();
        boolean[] allowed = new boolean[shape.associationSize()];
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] < 0 || counts[b] > nk) {
                throw new IllegalArgumentException("keyCounts[" + b + "] = " + counts[b] + ", expected 0 to keys = " + nk);
            }
            for (int q = 0; q < nq; q++) {
                int row = (b * nq + q) * nk;
                for (int j = 0; j < counts[b]; j++) allowed[row + j] = true;
            }
        }
        return withMask(allowed);
    }

    /**
     * With dropout on the association matrix: {@code keep} (problems × Nq × Nk) says which entries
     * survive, and the survivors are scaled by 1 / (1 − rate), rate in [0, 1). Draw a new keep for each
     * training step (the layer owns the random numbers).
     */
    public Association withDropout(boolean[] keep, double rate) {
        Check.notNull(keep, "keep");
        Check.length("keep", keep.length, shape.associationSize(), "problems * queries * keys");
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        return new Association(map, shape, mask, keep.clone(), 1.0 / (1.0 - rate));
    }

    /** The map. */
    public Separation map() {
        return map;
    }

    /** The shapes. */
    public Shape shape() {
        return shape;
    }

    /** Whether {@link AssociationGradients#dAlpha()} is computed: the map is α-entmax. */
    public boolean hasAlphaGradient() {
        return map.kind() == MapKind.ENTMAX;
    }

    /**
     * Forward in float32.
     *
     * @param queries Q, problems × Nq × dk
     * @param keys    K, problems × Nk × dk
     * @param values  V, problems × Nk × dv
     * @param beta    β: one value, or one per problem; each finite and &gt; 0
     */
    public AssociationForward<float[]> forward(float[] queries, float[] keys, float[] values, double... beta) {
        return forward(AssociationPrecision.F32, queries, keys, values, beta);
    }

    /** Forward in float64; as {@link #forward(float[], float[], float[], double...)}. */
    public AssociationForward<double[]> forward(double[] queries, double[] keys, double[] values, double... beta) {
        return forward(AssociationPrecision.F64, queries, keys, values, beta);
    }

    <A> AssociationForward<A> forward(AssociationPrecision<A> t, A queries, A keys, A values, double[] beta) {
        Check.notNull(queries, "queries");
        Check.notNull(keys, "keys");
        Check.notNull(values, "values");
        Check.notNull(beta, "beta");
        Check.length("queries", t.length(queries), shape.querySize(), "problems * queries * keyDim");
        Check.length("keys", t.length(keys), shape.keySize(), "problems * keys * keyDim");
        Check.length("values", t.length(values), shape.valueSize(), "problems * keys * valueDim");
        t.checkFinite("queries", queries, shape.keyDim());
        t.checkFinite("keys", keys, shape.keyDim());
        t.checkFinite("values", values, shape.valueDim());
        return forwardPacked(t, t.pack(java.util.List.of(queries, keys, values)),
                new double[] {t.maxAbs(queries), t.maxAbs(keys), t.maxAbs(values)}, beta);
    }

    /**
     * The forward of inputs already packed Q | K | V (of this shape's sizes, every value finite) whose
     * largest magnitudes are {@code maxAbs} = {max|q|, max|k|, max|v|}: what {@link AssociationStep}
     * builds in one pass from the layers' doubles.
     */
    <A> AssociationForward<A> forwardPacked(AssociationPrecision<A> t, A qkv, double[] maxAbs, double[] beta) {
        double[] scalars = scalars(beta);
        checkScoreRange(t, maxAbs[0], maxAbs[1], beta);
        A out = t.allocate(shape.outputSize());
        A ps = t.allocate(2 * shape.associationSize());
        try (AssociationCall c = call(beta.length, false)) {
            AssociationPrecision.enter();
            AssociationPrecision.status(t.associationForward(c, qkv, mask, keep, out, ps, scalars), "association forward");
        }
        return new AssociationForward<>(this, t, qkv, maxAbs, out, ps, scalars, beta.length);
    }

    /** β | α as the native call takes them, after checking β's count and values. */
    private double[] scalars(double[] beta) {
        if (beta.length != 1 && beta.length != shape.problems()) {
            throw new IllegalArgumentException("beta has " + beta.length + " values, expected 1 or problems = "
                    + shape.problems());
        }
        double[] alphas = map.rowAlphas();
        if (alphas == null) alphas = new double[] {map.alpha()};
        double[] scalars = new double[beta.length + alphas.length];
        for (int i = 0; i < beta.length; i++) {
            scalars[i] = Check.positiveFinite(beta.length == 1 ? "beta" : "beta[" + i + "]", beta[i]);
        }
        System.arraycopy(alphas, 0, scalars, beta.length, alphas.length);
        return scalars;
    }

    /**
     * max(β, 1) max|q| max|k| dk must stay far from overflow in the working precision: the native code
     * forms Q Kᵀ before scaling it by β, so the unscaled products must fit as well as the scores.
     */
    private void checkScoreRange(AssociationPrecision<?> t, double maxQuery, double maxKey, double[] beta) {
        double bound = Math.max(maxBeta(beta), 1) * maxQuery * maxKey * shape.keyDim();
        double limit = t.precision().overflowLimit();
        if (!(bound <= limit)) {
            throw new IllegalArgumentException("max(beta, 1) * max|query| * max|key| * keyDim = " + bound
                    + " could overflow the scores in " + t.precision() + " (limit " + limit + ")");
        }
    }

    static double maxBeta(double[] beta) {
        double maxBeta = 0;
        for (double b : beta) maxBeta = Math.max(maxBeta, b);
        return maxBeta;
    }

    /** The native call struct; the caller closes it. */
    AssociationCall call(int betaCount, boolean alphaGradient) {
        double[] alphas = map.rowAlphas();
        return new AssociationCall().map(map.kind().nativeCode()).problems(shape.problems()).Nq(shape.queries())
                .Nk(shape.keys()).dk(shape.keyDim()).dv(shape.valueDim()).betaCount(betaCount)
                .alphaCount(alphas == null ? 1 : alphas.length).dropScale(dropScale)
                .alphaGradient(alphaGradient ? 1 : 0);
    }

    boolean[] keep() {
        return keep;
    }

    @Override
    public String toString() {
        return "Association(" + map.name() + ", " + shape + (mask != null ? ", masked" : "")
                + (keep != null ? ", dropout" : "") + ")";
    }
}
