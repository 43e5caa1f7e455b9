package org.hopfield4j.reference;

import java.util.Arrays;
import org.hopfield4j.MapKind;

/**
 * The slow reference of the separation maps: plain Java, float64, written to be read and checked
 * by eye against the papers rather than to be fast. It is what the native kernels of
 * {@link org.hopfield4j.Separation} are tested against, and the baseline the benchmarks compare
 * them with. It shares no code with the native kernels.
 *
 * <p>One static method per algorithm, each applied row by row to a batch of {@code rows} rows of
 * length {@code n}, row-major in one array:
 * <ul>
 *   <li>{@link #softmax}: exp(x − max x), normalised.
 *   <li>{@link #sparsemax}: the textbook sort-based Euclidean projection onto the simplex
 *       (Martins &amp; Astudillo 2016, Algorithm 1).
 *   <li>{@link #entmax15}: the exact sort-based 1.5-entmax (Peters, Niculae &amp; Martins 2019).
 *   <li>{@link #entmaxBisect}: α-entmax for any α &gt; 1 by plain bisection on τ (200 halvings),
 *       then normalised, as {@code entmax_bisect} of deep-spin/entmax.
 *   <li>{@link #normmaxBisect}: α-normmax for any α &gt; 1 the same way, as {@code normmax_bisect}
 *       of deep-spin/entmax.
 *   <li>{@link #softmaxBackward}, {@link #sparsemaxBackward}, {@link #entmaxBackward},
 *       {@link #normmaxBackward}: the vector–Jacobian products.
 * </ul>
 *
 * <p>Every forward method maps {@code beta * z} (β &gt; 0). An entry is masked when its mask flag is
 * false or its score is −∞: it gets exactly 0, and the rest is the map of the shortened row. A row
 * with no live entry comes out all zeros. The backward methods return {@code beta · J(beta·z)ᵀ g}
 * from the forward output p. Arguments are not validated beyond what Java itself checks.
 *
 * <p>All maps subtract the row maximum first: that leaves the result mathematically unchanged and
 * keeps the sums of order 1 even for scores of 1e30.
 */
public final class ReferenceSeparation {
    private ReferenceSeparation() {}

    /**
     * The maps, for callers that pick one by value (α is used by the bisections only), each
     * the reference of one entry of the registry {@link MapKind}. To add a map: a constant here, its
     * algorithm below, its case in {@link #apply(Map, double, double[], boolean[], int, int, double)}
     * in {@link #backward(Map, double, double[], double[], int, int, double)} and in
     * {@link #psiStar(Map, double, double[])}.
     */
    public enum Map {
        SOFTMAX(MapKind.SOFTMAX), SPARSEMAX(MapKind.SPARSEMAX), ENTMAX15(MapKind.ENTMAX15), ENTMAX_BISECT(MapKind.ENTMAX),
        NORMMAX_BISECT(MapKind.NORMMAX);

        private final MapKind kind;

        Map(MapKind kind) {
            this.kind = kind;
        }

        /** The registry entry this is the reference of. */
        public MapKind kind() {
            return kind;
        }

        /** The α of this map: its fixed one (the registry's), or {@code given} for the bisection. */
        public double alpha(double given) {
            return Double.isNaN(kind.fixedAlpha()) ? given : kind.fixedAlpha();
        }

        /** The reference of registry entry {@code kind} (a separation map). */
        public static Map of(MapKind kind) {
            for (Map m : values()) {
                if (m.kind == kind) return m;
            }
            throw new IllegalArgumentException("no reference separation map for " + kind.label());
        }
    }

    /** Bisection halvings of {@link #entmaxBisect}; far more than float64 needs. */
    public static final int BISECTION_ITERATIONS = 200;

    // ------------------------------------------------------------------ one live row: the algorithms

    /** Softmax of a row of finite values. */
    static double[] softmaxRow(double[] x) {
        double max = max(x);
        double[] p = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.exp(x[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < x.length; i++) p[i] /= sum;
        return p;
    }

    /** Sparsemax of a row of finite values: sort, find the support size k, τ = (Σ_top k − 1)/k. */
    static double[] sparsemaxRow(double[] x) {
        double[] u = shiftedSortedDescending(x, 1.0);
        double cumsum = 0, tau = 0;
        for (int k = 1; k <= u.length; k++) {
            cumsum += u[k - 1];
            if (1 + k * u[k - 1] > cumsum) {      // the k-th largest is still in the support
                tau = (cumsum - 1) / k;
            }
        }
        double max = max(x);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) p[i] = Math.max((x[i] - max) - tau, 0);
        return p;
    }

    /**
     * 1.5-entmax of a row of finite values: p = [x/2 − τ]₊², with x/2 sorted descending and, for
     * each prefix size k, τ_k solving Σ_{j≤k} (x_j − τ)² = 1; the support size is the number of k
     * with τ_k ≤ x_k (Peters et al. 2019, Algorithm 2; entmax15 of deep-spin/entmax).
     */
    static double[] entmax15Row(double[] x) {
        double[] u = shiftedSortedDescending(x, 0.5);
        double[] taus = new double[u.length];
        double mean = 0, m2 = 0;                  // Welford: mean and Σ (x_j − mean)² of the prefix
        int support = 0;
        for (int k = 1; k <= u.length; k++) {
            double delta = u[k - 1] - mean;
            mean += delta / k;
            m2 += delta * (u[k - 1] - mean);
            double disc = (1 - m2) / k;
            taus[k - 1] = mean - Math.sqrt(Math.max(disc, 0));
            if (taus[k - 1] <= u[k - 1]) support++;
        }
        double tau = taus[support - 1];
        double max = max(x);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = 0.5 * (x[i] - max) - tau;
            p[i] = t > 0 ? t * t : 0;
        }
        return p;
    }

    /**
     * α-entmax of a row of finite values by bisection: p = [(α−1)x − τ]₊^{1/(α−1)}, τ such that
     * Σ p = 1, then p normalised (entmax_bisect of deep-spin/entmax).
     */
    static double[] entmaxBisectRow(double[] x, double alpha) {
        return bisectPower(x, alpha - 1, 1 / (alpha - 1), 1 / (alpha - 1), alpha);
    }

    /**
     * α-normmax of a row of finite values by bisection, as normmax_bisect of deep-spin/entmax (a
     * Hopfield map in Santos et al. 2024, "Sparse and Structured Hopfield Networks"): the argmax over
     * the simplex of ⟨x, p⟩ − ‖p‖_α, i.e. p = [x − τ]₊^{1/(α−1)} normalised, τ such that
     * Σ [x − τ]₊^{α/(α−1)} = 1.
     */
    static double[] normmaxBisectRow(double[] x, double alpha) {
        return bisectPower(x, 1, alpha / (alpha - 1), 1 / (alpha - 1), alpha);
    }

    /**
     * With u = factor·(x − max x): τ such that Σ [u − τ]₊^{rootExponent} = 1, by halving the bracket
     * [−1, −(1/n)^{α−1}] {@value #BISECTION_ITERATIONS} times (the sum decreases in τ; at −1 the max
     * alone gives 1, at the other end each of the n entries gives at most 1/n for entmax and (1/n)^α
     * for normmax), then p = [u − τ]₊^{outExponent} normalised.
     */
    private static double[] bisectPower(double[] x, double factor, double rootExponent, double outExponent,
                                        double alpha) {
        double max = max(x);
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) u[i] = factor * (x[i] - max);
        double tauLo = -1;
        double width = -Math.pow(1.0 / x.length, alpha - 1) - tauLo;
        double[] p = new double[x.length];
        for (int it = 0; it < BISECTION_ITERATIONS; it++) {
            width /= 2;
            double tauMid = tauLo + width;
            if (powers(u, tauMid, rootExponent, p) - 1 >= 0) tauLo = tauMid;
        }
        double sum = powers(u, tauLo, outExponent, p);
        for (int i = 0; i < x.length; i++) p[i] /= sum;
        return p;
    }

    /** Fills p with [u − τ]₊^e and returns its sum. */
    private static double powers(double[] u, double tau, double e, double[] p) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            p[i] = u[i] > tau ? Math.pow(u[i] - tau, e) : 0;
            sum += p[i];
        }
        return sum;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) m = Math.max(m, v);
        return m;
    }

    /** factor · (x − max x), sorted in descending order. */
    private static double[] shiftedSortedDescending(double[] x, double factor) {
        double max = max(x);
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) u[i] = -(factor * (x[i] - max));   // negated: sort ascending
        Arrays.sort(u);
        for (int i = 0; i < u.length; i++) u[i] = -u[i];
        return u;
    }

    // ------------------------------------------------------------------ batches, masks, beta

    /** A map of one row of live (finite) scores. */
    private interface RowMap {
        double[] apply(double[] live);
    }

    /**
     * Applies {@code map} to every row of {@code beta * z}: the live entries of a row (mask flag
     * true or absent, score not −∞) are gathered, mapped, and scattered back; the rest stay 0.
     */
    private static double[] rowwise(double[] z, boolean[] mask, int rows, int n, double beta, RowMap map) {
        double[] p = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            int[] idx = new int[n];
            int live = 0;
            for (int i = 0; i < n; i++) {
                int at = r * n + i;
                if ((mask == null || mask[at]) && z[at] != Double.NEGATIVE_INFINITY) idx[live++] = at;
            }
            double[] x = new double[live];
            for (int j = 0; j < live; j++) x[j] = beta * z[idx[j]];
            if (live == 0) continue;                         // all masked: zeros
            double[] q = map.apply(x);
            for (int j = 0; j < live; j++) p[idx[j]] = q[j];
        }
        return p;
    }

    /** Softmax of every row of {@code beta * z}; {@code mask} may be null. */
    public static double[] softmax(double[] z, boolean[] mask, int rows, int n, double beta) {
        return rowwise(z, mask, rows, n, beta, ReferenceSeparation::softmaxRow);
    }

    /** Sparsemax of every row of {@code beta * z}; {@code mask} may be null. */
    public static double[] sparsemax(double[] z, boolean[] mask, int rows, int n, double beta) {
        return rowwise(z, mask, rows, n, beta, ReferenceSeparation::sparsemaxRow);
    }

    /** Exact 1.5-entmax of every row of {@code beta * z}; {@code mask} may be null. */
    public static double[] entmax15(double[] z, boolean[] mask, int rows, int n, double beta) {
        return rowwise(z, mask, rows, n, beta, ReferenceSeparation::entmax15Row);
    }

    /** α-entmax (α &gt; 1) by bisection of every row of {@code beta * z}; {@code mask} may be null. */
    public static double[] entmaxBisect(double[] z, boolean[] mask, int rows, int n, double beta, double alpha) {
        return rowwise(z, mask, rows, n, beta, x -> entmaxBisectRow(x, alpha));
    }

    /** α-normmax (α &gt; 1) by bisection of every row of {@code beta * z}; {@code mask} may be null. */
    public static double[] normmaxBisect(double[] z, boolean[] mask, int rows, int n, double beta, double alpha) {
        return rowwise(z, mask, rows, n, beta, x -> normmaxBisectRow(x, alpha));
    }

    /** The map {@code map} (α for the bisections only) of every row of {@code beta * z}. */
    public static double[] apply(Map map, double alpha, double[] z, boolean[] mask, int rows, int n, double beta) {
        return switch (map) {
            case SOFTMAX -> softmax(z, mask, rows, n, beta);
            case SPARSEMAX -> sparsemax(z, mask, rows, n, beta);
            case ENTMAX15 -> entmax15(z, mask, rows, n, beta);
            case ENTMAX_BISECT -> entmaxBisect(z, mask, rows, n, beta, alpha);
            case NORMMAX_BISECT -> normmaxBisect(z, mask, rows, n, beta, alpha);
        };
    }

    /** float32 convenience: widens z to double, maps in double, rounds the result to float. */
    public static float[] apply(Map map, double alpha, float[] z, boolean[] mask, int rows, int n, double beta) {
        return toFloat(apply(map, alpha, toDouble(z), mask, rows, n, beta));
    }

    /**
     * Ψ*_α(z), the convex conjugate of the map's regulariser (the retrieval energy's −(1/β) Ψ*(β s)
     * term): log Σ exp z for softmax (α = 1), else the Tsallis form ⟨p*, z⟩ + (1 − Σ p*^α)/(α(α − 1))
     * with p* = α-entmax(z); for α-normmax ⟨p*, z⟩ + 1 − ‖p*‖_α (the conjugate of Ω(p) = ‖p‖_α − 1,
     * Santos et al.'s norm entropy); {@code alpha} is used by the bisections only.
     */
    public static double psiStar(Map map, double alpha, double[] z) {
        if (map == Map.SOFTMAX) {
            double max = Arrays.stream(z).max().getAsDouble();
            double sum = 0;
            for (double v : z) sum += Math.exp(v - max);
            return max + Math.log(sum);
        }
        double a = map.alpha(alpha);
        double[] p = apply(map, a, z, null, 1, z.length, 1.0);
        double pz = 0, pa = 0;
        for (int i = 0; i < z.length; i++) {
            if (p[i] > 0) {
                pz += p[i] * z[i];
                pa += Math.pow(p[i], a);
            }
        }
        return map == Map.NORMMAX_BISECT ? pz + 1 - Math.pow(pa, 1 / a) : pz + (1 - pa) / (a * (a - 1));
    }

    // ------------------------------------------------------------------ backward

    /** Softmax: dz = β · p ⊙ (g − ⟨g, p⟩), row by row. */
    public static double[] softmaxBackward(double[] p, double[] g, int rows, int n, double beta) {
        double[] dz = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double gp = 0;
            for (int i = r * n; i < (r + 1) * n; i++) gp += g[i] * p[i];
            for (int i = r * n; i < (r + 1) * n; i++) dz[i] = beta * p[i] * (g[i] - gp);
        }
        return dz;
    }

    /** Sparsemax: on the support S = {p &gt; 0}, dz_i = β (g_i − mean_S g); 0 off the support. */
    public static double[] sparsemaxBackward(double[] p, double[] g, int rows, int n, double beta) {
        double[] dz = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            int size = 0;
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (p[i] > 0) {
                    sum += g[i];
                    size++;
                }
            }
            for (int i = r * n; i < (r + 1) * n; i++) dz[i] = p[i] > 0 ? beta * (g[i] - sum / size) : 0;
        }
        return dz;
    }

    /**
     * α-entmax (any α &gt; 1, 1.5 and 2 included): with s_i = p_i^{2−α} on the support and 0 off it,
     * dz = β (s ⊙ g − (⟨s, g⟩ / Σ s) s). An all-zero row gives zeros.
     */
    public static double[] entmaxBackward(double[] p, double[] g, int rows, int n, double beta, double alpha) {
        double[] dz = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double[] s = new double[n];
            double sg = 0, ss = 0;
            for (int i = 0; i < n; i++) {
                double pi = p[r * n + i];
                s[i] = pi > 0 ? Math.pow(pi, 2 - alpha) : 0;
                sg += s[i] * g[r * n + i];
                ss += s[i];
            }
            for (int i = 0; i < n; i++) {
                dz[r * n + i] = ss > 0 ? beta * (s[i] * g[r * n + i] - sg / ss * s[i]) : 0;
            }
        }
        return dz;
    }

    /**
     * α-normmax, deep-spin's formula: with b_i = p_i^{2−α} on the support (0 off it),
     * dz = β ‖p‖_α^{α−1}/(α−1) (b ⊙ g − ⟨b, g⟩ p − ⟨g, p⟩ (b − (Σ b) p)). An all-zero row gives
     * zeros. For large α, p^{2−α} overflows (the native kernel works relative to max p instead).
     */
    public static double[] normmaxBackward(double[] p, double[] g, int rows, int n, double beta, double alpha) {
        double[] dz = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double[] b = new double[n];
            double bg = 0, pg = 0, bSum = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                double pi = p[r * n + i], gi = g[r * n + i];
                if (pi > 0) {
                    b[i] = Math.pow(pi, 2 - alpha);
                    norm += Math.pow(pi, alpha);
                }
                bg += b[i] * gi;
                pg += pi * gi;
                bSum += b[i];
            }
            double factor = norm > 0 ? beta * Math.pow(norm, (alpha - 1) / alpha) / (alpha - 1) : 0;
            for (int i = 0; i < n; i++) {
                double pi = p[r * n + i];
                dz[r * n + i] = factor * (b[i] * g[r * n + i] - bg * pi - pg * (b[i] - bSum * pi));
            }
        }
        return dz;
    }

    /** The backward of {@code map} (α for the bisections only). */
    public static double[] backward(Map map, double alpha, double[] p, double[] g, int rows, int n, double beta) {
        return switch (map) {
            case SOFTMAX -> softmaxBackward(p, g, rows, n, beta);
            case SPARSEMAX -> sparsemaxBackward(p, g, rows, n, beta);
            case ENTMAX15, ENTMAX_BISECT -> entmaxBackward(p, g, rows, n, beta, map.alpha(alpha));
            case NORMMAX_BISECT -> normmaxBackward(p, g, rows, n, beta, alpha);
        };
    }

    /** float32 convenience: works in double, rounds the result to float. */
    public static float[] backward(Map map, double alpha, float[] p, float[] g, int rows, int n, double beta) {
        return toFloat(backward(map, alpha, toDouble(p), toDouble(g), rows, n, beta));
    }

    // ------------------------------------------------------------------ helpers

    /** The number of entries &gt; 0 in each row. */
    public static int[] support(double[] p, int rows, int n) {
        int[] s = new int[rows];
        for (int i = 0; i < rows * n; i++) if (p[i] > 0) s[i / n]++;
        return s;
    }

    /** The number of entries &gt; 0 in each row. */
    public static int[] support(float[] p, int rows, int n) {
        return support(toDouble(p), rows, n);
    }

    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    public static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
