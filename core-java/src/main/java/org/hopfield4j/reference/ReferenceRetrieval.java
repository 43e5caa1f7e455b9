package org.hopfield4j.reference;

import java.util.Arrays;
import org.hopfield4j.RetrievalMap;
import org.hopfield4j.reference.ReferenceSeparation.Map;

/**
 * The slow reference of retrieval: plain Java, float64, one query and one stored pattern at a time,
 * written to be checked by eye against docs/math.md#retrieval rather than to be fast. The native retrieval of
 * {@link org.hopfield4j.Retriever} is tested against it, and it is the plain-Java baseline of the
 * benchmarks. It shares no code with the native kernels; the separation maps are those of
 * {@link ReferenceSeparation}.
 *
 * <pre>{@code
 * ReferenceRetrieval ref = ReferenceRetrieval.of(memories, M, d)
 *         .map(ReferenceSeparation.Map.SPARSEMAX, 2).beta(1).steps(3).eps(0);
 * ReferenceRetrieval.Result r = ref.retrieve(queries, B);
 * }</pre>
 *
 * <p>For each query separately, full M-wide scores every step:
 * <ol>
 *   <li>s_μ = sim(ξ_μ, x): dot ⟨ξ_μ, x⟩; negative L2 −‖ξ_μ − x‖; negative Manhattan −Σ|ξ_μ − x|;
 *       kernel ⟨W ξ_μ, W x⟩ computed literally from the features W ξ_μ and W x; cosine
 *       ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖), 0 when either is the zero vector;
 *   <li>p = Sep(β s), or for poly-n p_μ = max(s_μ, 0)^n / Σ_ν max(s_ν, 0)^n (all zeros if no s &gt; 0);
 *   <li>x ← Σ_μ p_μ ξ_μ; the query stops after T steps or as soon as ‖x_new − x‖ ≤ ε.
 * </ol>
 * Energies: E(x) = ½⟨x, x⟩ − (1/β) Ψ*_α(β s(x)) (kernel: ½‖W x‖² instead of ½⟨x, x⟩) with
 * Ψ*_α(z) = ⟨p*, z⟩ + (1 − Σ p*^α)/(α(α − 1)), p* = α-entmax(z), and Ψ*_1(z) = log Σ exp z.
 *
 * <p>Instances are immutable; every setter returns a new instance. Arguments are not validated
 * beyond what Java itself checks.
 */
public final class ReferenceRetrieval {
    /** The similarities. */
    public enum Similarity { DOT, NEGATIVE_L2, NEGATIVE_MANHATTAN, KERNEL, COSINE }

    /** The result of a batch: everything row-major; weights and energies may be null. */
    public record Result(double[] states, int[] steps, double[] weights, double[] energyBefore, double[] energyAfter) {
        /** The state of query b. */
        public double[] state(int b, int d) {
            return Arrays.copyOfRange(states, b * d, (b + 1) * d);
        }
    }

    private final double[] memories;
    private final int M;
    private final int d;
    private final Map map;          // null for poly-n
    private final double alpha;     // of the map: 1, 2, 1.5 or the bisection alpha
    private final double polyN;
    private final double beta;
    private final int steps;
    private final double eps;
    private final Similarity similarity;
    private final double[] w;       // D x d for the kernel
    private final int D;

    private ReferenceRetrieval(double[] memories, int M, int d, Map map, double alpha, double polyN, double beta,
                               int steps, double eps, Similarity similarity, double[] w, int D) {
        this.memories = memories;
        this.M = M;
        this.d = d;
        this.map = map;
        this.alpha = alpha;
        this.polyN = polyN;
        this.beta = beta;
        this.steps = steps;
        this.eps = eps;
        this.similarity = similarity;
        this.w = w;
        this.D = D;
    }

    /** Retrieval from M patterns of dimension d (row-major); softmax, β = 1, T = 1, ε = 0, dot until changed. */
    public static ReferenceRetrieval of(double[] memories, int M, int d) {
        return new ReferenceRetrieval(memories.clone(), M, d, Map.SOFTMAX, 1, Double.NaN, 1, 1, 0,
                Similarity.DOT, null, 0);
    }

    /** float32 patterns, widened exactly. */
    public static ReferenceRetrieval of(float[] memories, int M, int d) {
        return of(ReferenceSeparation.toDouble(memories), M, d);
    }

    /** The map; {@code alpha} is used by {@link Map#ENTMAX_BISECT} only (the others have their own α). */
    public ReferenceRetrieval map(Map map, double alpha) {
        return new ReferenceRetrieval(memories, M, d, map, map.alpha(alpha), Double.NaN, beta, steps, eps, similarity, w, D);
    }

    /** The reference of the retrieval map {@code map} of the registry (a separation map or poly-n). */
    public ReferenceRetrieval map(RetrievalMap map) {
        return map.separation() == null ? polynomial(map.degree()) : map(Map.of(map.kind()), map.alpha());
    }

    /** Poly-n instead of a separation map. */
    public ReferenceRetrieval polynomial(double n) {
        return new ReferenceRetrieval(memories, M, d, null, Double.NaN, n, beta, steps, eps, similarity, w, D);
    }

    public ReferenceRetrieval beta(double beta) {
        return new ReferenceRetrieval(memories, M, d, map, alpha, polyN, beta, steps, eps, similarity, w, D);
    }

    public ReferenceRetrieval steps(int steps) {
        return new ReferenceRetrieval(memories, M, d, map, alpha, polyN, beta, steps, eps, similarity, w, D);
    }

    public ReferenceRetrieval eps(double eps) {
        return new ReferenceRetrieval(memories, M, d, map, alpha, polyN, beta, steps, eps, similarity, w, D);
    }

    /** Dot, negative L2, negative Manhattan or cosine (for the kernel use {@link #kernel(double[], int)}). */
    public ReferenceRetrieval similarity(Similarity similarity) {
        return new ReferenceRetrieval(memories, M, d, map, alpha, polyN, beta, steps, eps, similarity, w, D);
    }

    /** The kernel ⟨W ξ, W x⟩ of W (D × d, row-major). */
    public ReferenceRetrieval kernel(double[] w, int D) {
        return new ReferenceRetrieval(memories, M, d, map, alpha, polyN, beta, steps, eps, Similarity.KERNEL,
                w.clone(), D);
    }

    // ------------------------------------------------------------------ one query

    /** The M similarities s_μ = sim(ξ_μ, x) of one query x (length d). */
    public double[] scores(double[] x) {
        double[] s = new double[M];
        double[] wx = similarity == Similarity.KERNEL ? features(x, 0) : null;
        for (int mu = 0; mu < M; mu++) {
            double acc = 0;
            switch (similarity) {
                case DOT -> {
                    for (int i = 0; i < d; i++) acc += memories[mu * d + i] * x[i];
                }
                case NEGATIVE_L2 -> {
                    for (int i = 0; i < d; i++) {
                        double diff = memories[mu * d + i] - x[i];
                        acc += diff * diff;
                    }
                    acc = -Math.sqrt(acc);
                }
                case NEGATIVE_MANHATTAN -> {
                    for (int i = 0; i < d; i++) acc -= Math.abs(memories[mu * d + i] - x[i]);
                }
                case KERNEL -> {
                    double[] wxi = features(memories, mu * d);
                    for (int k = 0; k < D; k++) acc += wxi[k] * wx[k];
                }
                case COSINE -> {
                    double dot = 0, patternSq = 0, querySq = 0;
                    for (int i = 0; i < d; i++) {
                        dot += memories[mu * d + i] * x[i];
                        patternSq += memories[mu * d + i] * memories[mu * d + i];
                        querySq += x[i] * x[i];
                    }
                    double norms = Math.sqrt(patternSq) * Math.sqrt(querySq);
                    acc = norms > 0 ? dot / norms : 0;
                }
            }
            s[mu] = acc;
        }
        return s;
    }

    /** W u for the d values of u starting at {@code from}. */
    private double[] features(double[] u, int from) {
        double[] f = new double[D];
        for (int k = 0; k < D; k++) {
            double acc = 0;
            for (int i = 0; i < d; i++) acc += w[k * d + i] * u[from + i];
            f[k] = acc;
        }
        return f;
    }

    /** The association weights p of one query x: Sep(β s(x)), or the normalised poly-n weights. */
    public double[] weights(double[] x) {
        double[] s = scores(x);
        if (map == null) {
            return poly(s, polyN);
        }
        return ReferenceSeparation.apply(map, alpha, s, null, 1, M, beta);
    }

    /** Poly-n: max(s, 0)^n normalised (computed as (s / max s)^n so nothing overflows); zeros if no s &gt; 0. */
    static double[] poly(double[] s, double n) {
        double max = 0;
        for (double v : s) max = Math.max(max, v);
        double[] p = new double[s.length];
        if (max <= 0) return p;
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            p[i] = s[i] > 0 ? Math.pow(s[i] / max, n) : 0;
            sum += p[i];
        }
        for (int i = 0; i < s.length; i++) p[i] /= sum;
        return p;
    }

    /** One update T(x) = Σ_μ p_μ ξ_μ for weights p. */
    public double[] update(double[] p) {
        double[] y = new double[d];
        for (int mu = 0; mu < M; mu++) {
            if (p[mu] == 0) continue;
            for (int i = 0; i < d; i++) y[i] += p[mu] * memories[mu * d + i];
        }
        return y;
    }

    /** E(x) (dot) or E_K(x) (kernel) of one query, for the maps (not poly-n). */
    public double energy(double[] x) {
        if (map == null) throw new IllegalStateException("poly-n has no energy");
        double quadratic;
        if (similarity == Similarity.KERNEL) {
            double[] wx = features(x, 0);
            quadratic = 0.5 * dot(wx, wx);
        } else if (similarity == Similarity.DOT) {
            quadratic = 0.5 * dot(x, x);
        } else {
            throw new IllegalStateException("no energy for " + similarity);
        }
        double[] z = scores(x);
        for (int mu = 0; mu < M; mu++) z[mu] *= beta;
        return quadratic - psiStar(map, alpha, z) / beta;
    }

    /** Ψ*_α(z) of the map: {@link ReferenceSeparation#psiStar(Map, double, double[])}. */
    public static double psiStar(Map map, double alpha, double[] z) {
        return ReferenceSeparation.psiStar(map, alpha, z);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    // ------------------------------------------------------------------ batches

    /**
     * Retrieves B queries (row-major), with the weights (B × M) of each query's last step (with T = 0:
     * the weights of the query itself) and, for a map with the dot or kernel similarity, the energies.
     */
    public Result retrieve(double[] queries, int B) {
        double[] states = new double[B * d];
        int[] taken = new int[B];
        double[] weights = new double[B * M];
        boolean energies = map != null && (similarity == Similarity.DOT || similarity == Similarity.KERNEL);
        double[] before = energies ? new double[B] : null;
        double[] after = energies ? new double[B] : null;
        for (int b = 0; b < B; b++) {
            double[] x = Arrays.copyOfRange(queries, b * d, (b + 1) * d);
            if (energies) before[b] = energy(x);
            if (steps == 0) System.arraycopy(weights(x), 0, weights, b * M, M);   // the queries' own weights
            for (int t = 0; t < steps; t++) {
                double[] p = weights(x);
                double[] y = update(p);
                System.arraycopy(p, 0, weights, b * M, M);
                double change = 0;
                for (int i = 0; i < d; i++) change += (y[i] - x[i]) * (y[i] - x[i]);
                x = y;
                taken[b]++;
                if (Math.sqrt(change) <= eps) break;
            }
            if (energies) after[b] = energy(x);
            System.arraycopy(x, 0, states, b * d, d);
        }
        return new Result(states, taken, weights, before, after);
    }

    /** float32 queries, widened exactly. */
    public Result retrieve(float[] queries, int B) {
        return retrieve(ReferenceSeparation.toDouble(queries), B);
    }

    /** The energy of each of B queries. */
    public double[] energy(double[] queries, int B) {
        double[] e = new double[B];
        for (int b = 0; b < B; b++) e[b] = energy(Arrays.copyOfRange(queries, b * d, (b + 1) * d));
        return e;
    }
}
