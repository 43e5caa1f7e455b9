package org.hopfield4j.nn;

import org.hopfield4j.MapKind;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.Precision;
import org.hopfield4j.Retriever;
import org.hopfield4j.Separation;
import org.hopfield4j.Similarity;
import org.hopfield4j.internal.Check;
import org.hopfield4j.nativelib.HopfieldNative.RetrievalGradientCall;

/**
 * The backward through retrieval: the vector–Jacobian product of T update steps
 * ξ_{t+1} = map(β sim(ξ_t, Y)) V (docs/math.md#retrieval-backward) with respect to the state
 * patterns ξ_0, the stored patterns Y, separate values V, β, α (α-entmax) and the kernel W of the
 * learned-kernel similarity (sim = (ξ Wᵀ)(Y Wᵀ)ᵀ, Similarity#kernel).
 *
 * <p>The settings are a {@link Retriever}'s (its map, β, T and similarity, set through its builder:
 * one home for them); the stored patterns Y are its store's, in its store's precision, and the
 * values are Y unless {@link #withValues} gives separate ones. Each step is one {@link Association}
 * (queries ξ_t, keys Y, values V), natively, float32 or float64.
 *
 * <pre>{@code
 * Retriever r = Retriever.builder(store).map(Separation.entmax(1.5)).beta(4).steps(3).build();
 * RetrievalGradientResult<double[]> g = RetrievalGradient.of(r).vjp(states, B, dLoss_dFinalStates);
 * g.dStored(); g.dBeta(); ...
 * }</pre>
 *
 * <p>Supported: every separation map (dα for α-entmax), the dot and the learned-kernel similarity (W
 * given, not precomputed keys alone), T ≥ 1 steps, ε = 0 (every query takes all T steps: the
 * stopping rule is not differentiable). Anything else is rejected when {@link #of} is called.
 */
public final class RetrievalGradient {
    private final Separation map;
    private final Similarity similarity;
    private final double beta;
    private final int steps;
    private final Object stored;        // float[] or double[], M x d
    private final Object values;        // null (values = stored) or M x dv
    private final int M;
    private final int d;
    private final int dv;

    private RetrievalGradient(Separation map, Similarity similarity, double beta, int steps, Object stored,
                              Object values, int M, int d, int dv) {
        this.map = map;
        this.similarity = similarity;
        this.beta = beta;
        this.steps = steps;
        this.stored = stored;
        this.values = values;
        this.M = M;
        this.d = d;
        this.dv = dv;
    }

    /**
     * The gradient of the retrieval {@code retriever} runs.
     *
     * @throws IllegalArgumentException for poly-n, T = 0, ε &gt; 0, or a similarity other than dot and the
     *     learned kernel with W
     */
    public static RetrievalGradient of(Retriever retriever) {
        Check.notNull(retriever, "retriever");
        Separation map = retriever.map();
        if (map == null) {
            throw new IllegalArgumentException("poly-n has no gradient here: use a separation map");
        }
        if (retriever.steps() < 1) {
            throw new IllegalArgumentException("steps must be >= 1 for a gradient, got " + retriever.steps());
        }
        if (retriever.eps() != 0) {
            throw new IllegalArgumentException("eps must be 0 for a gradient (the stopping rule is not differentiable), got "
                    + retriever.eps());
        }
        Similarity sim = retriever.similarity();
        boolean kernelWithW = sim.kind() == Similarity.Kind.KERNEL && sim.featureMap() != null;
        if (sim.kind() != Similarity.Kind.DOT && !kernelWithW) {
            throw new IllegalArgumentException("the retrieval gradient supports the dot similarity and the learned kernel"
                    + " given by W, got " + sim.name());
        }
        MemoryStore store = retriever.store();
        Object stored = store.precision() == Precision.FLOAT32 ? store.toFloatArray() : store.toDoubleArray();
        return new RetrievalGradient(map, sim, retriever.beta(), retriever.steps(), stored, null, store.size(),
                store.dimension(), store.dimension());
    }

    /**
     * With separate values V (M × dv, float32 store), instead of the stored patterns; dv may differ
     * from d only with T = 1 (each step's output is the next step's state).
     */
    public RetrievalGradient withValues(float[] values, int dv) {
        return withValues(AssociationPrecision.F32, values, dv);
    }

    /** As {@link #withValues(float[], int)}, for a float64 store. */
    public RetrievalGradient withValues(double[] values, int dv) {
        return withValues(AssociationPrecision.F64, values, dv);
    }

    private <A> RetrievalGradient withValues(AssociationPrecision<A> t, A v, int valueDim) {
        requirePrecision(t);
        Check.notNull(v, "values");
        int size = Check.matrixSize("values rows M", M, 1, "dv", valueDim);
        Check.length("values", t.length(v), size, "M * dv = " + M + " * " + valueDim);
        if (steps > 1 && valueDim != d) {
            throw new IllegalArgumentException("values of width dv = " + valueDim + " need steps = 1 (the output of a step"
                    + " is the next state, of width d = " + d + "), got steps = " + steps);
        }
        t.checkFinite("values", v, valueDim);
        return new RetrievalGradient(map, similarity, beta, steps, stored, t.slice(v, 0, size), M, d, valueDim);
    }

    /** ξ_T and the gradients, for B float32 states (B × d) and dL/dξ_T (B × dv). */
    public RetrievalGradientResult<float[]> vjp(float[] states, int B, float[] upstream) {
        return vjp(AssociationPrecision.F32, states, B, upstream, null);
    }

    /** As {@link #vjp(float[], int, float[])} with an association mask (B × M, false = masked at every step). */
    public RetrievalGradientResult<float[]> vjp(float[] states, int B, float[] upstream, boolean[] mask) {
        return vjp(AssociationPrecision.F32, states, B, upstream, Check.notNull(mask, "mask"));
    }

    /** As {@link #vjp(float[], int, float[])}, for a float64 store. */
    public RetrievalGradientResult<double[]> vjp(double[] states, int B, double[] upstream) {
        return vjp(AssociationPrecision.F64, states, B, upstream, null);
    }

    /** As {@link #vjp(float[], int, float[], boolean[])}, for a float64 store. */
    public RetrievalGradientResult<double[]> vjp(double[] states, int B, double[] upstream, boolean[] mask) {
        return vjp(AssociationPrecision.F64, states, B, upstream, Check.notNull(mask, "mask"));
    }

    @SuppressWarnings("unchecked") // stored and values hold arrays of the store's precision, checked by requirePrecision
    private <A> RetrievalGradientResult<A> vjp(AssociationPrecision<A> t, A states, int B, A upstream, boolean[] mask) {
        requirePrecision(t);
        Check.notNull(states, "states");
        Check.notNull(upstream, "upstream");
        int stateSize = Check.matrixSize("B", B, 1, "d", d);
        int outSize = Check.matrixSize("B", B, 1, "dv", dv);
        Check.matrixSize("B", B, 1, "M", M);
        Check.length("states", t.length(states), stateSize, "B * d = " + B + " * " + d);
        Check.length("upstream", t.length(upstream), outSize, "B * dv = " + B + " * " + dv);
        if (mask != null) Check.length("mask", mask.length, (long) B * M, "B * M = " + B + " * " + M);
        t.checkFinite("states", states, d);
        t.checkFinite("upstream", upstream, dv);
        double[] scalars = {beta, map.alpha()};  // a Retriever's map has one alpha
        boolean kernel = similarity.kind() == Similarity.Kind.KERNEL;
        int D = kernel ? similarity.featureDimension() : 0;
        A w = kernel ? kernelMatrix(t) : null;
        A y = (A) stored;
        A v = (A) values;
        java.util.List<A> parts = new java.util.ArrayList<>(java.util.List.of(states, y));
        if (v != null) parts.add(v);
        if (kernel) parts.add(w);
        A inputs = t.pack(parts);
        boolean alphaGradient = map.kind() == MapKind.ENTMAX;
        A out = t.allocate(outSize);
        int gradSize = stateSize + M * d + (v != null ? M * dv : 0) + (kernel ? D * d : 0);
        A grads = t.allocate(gradSize);
        double[] dScalars = new double[alphaGradient ? 2 : 1];
        try (RetrievalGradientCall c = new RetrievalGradientCall().map(map.kind().nativeCode())
                .similarity(similarity.kind().nativeCode()).B(B).M(M).d(d).dv(dv).D(D).steps(steps)
                .separateValues(v != null ? 1 : 0).alphaCount(1).alphaGradient(alphaGradient ? 1 : 0)) {
            AssociationPrecision.enter();
            AssociationPrecision.status(t.retrievalGradient(c, inputs, mask, upstream, out, grads, dScalars, scalars),
                    "retrieval gradient");
        }
        int at = stateSize;
        A dStored = t.slice(grads, at, M * d);
        at += M * d;
        A dValues = v != null ? t.slice(grads, at, M * dv) : null;
        at += v != null ? M * dv : 0;
        A dKernel = kernel ? t.slice(grads, at, D * d) : null;
        double[] dAlpha = alphaGradient ? new double[] {dScalars[1]} : null;
        return new RetrievalGradientResult<>(out, t.slice(grads, 0, stateSize), dStored, dValues, dKernel, dScalars[0],
                dAlpha);
    }

    @SuppressWarnings("unchecked") // A is float[] for F32 and double[] for F64
    private <A> A kernelMatrix(AssociationPrecision<A> t) {
        double[] w = similarity.featureMap();
        if (t.precision() == Precision.FLOAT64) return (A) w;
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) f[i] = (float) w[i];
        return (A) f;
    }

    private void requirePrecision(AssociationPrecision<?> t) {
        Precision store = stored instanceof float[] ? Precision.FLOAT32 : Precision.FLOAT64;
        if (t.precision() != store) {
            throw new IllegalArgumentException("the store is " + store + ", got " + t.precision() + " arrays");
        }
    }

    /** The map of each step. */
    public Separation map() {
        return map;
    }

    /** T. */
    public int steps() {
        return steps;
    }

    /** β. */
    public double beta() {
        return beta;
    }

    /** The similarity (dot or the learned kernel). */
    public Similarity similarity() {
        return similarity;
    }
}
