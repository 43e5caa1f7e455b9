package org.hopfield4j.spark;

import java.io.Serializable;
import org.hopfield4j.SeparationLoss;

/**
 * The separation loss terms of the pattern pairs between two shards (or within one), with their
 * gradient with respect to W (docs/spark.md#uhop): for avg and dl, relative to the pairs' largest term
 * m, the sum S = Σ exp(v − m) and G = Σ exp(v − m) ∂v/∂W; for max, the largest term, its pair (ties:
 * the first pair in row-major order of the global ids) and ∂v/∂W of that pair alone; and the smallest
 * squared feature distance. Terms merge exactly (rescaled to the larger m), so the loss over all
 * M(M − 1)/2 pairs is the merge of every pair of blocks: log(S/P) + m and ∂L/∂W = G/S (avg, dl), or the
 * largest term (max). Float64 throughout; features as docs/math.md#uhop-features.
 */
final class BlockPairLoss implements Serializable {
    private static final long serialVersionUID = 1L;

    final long pairs;
    final double max;
    final double sum;
    final double[] gradient;
    final long first;
    final long second;
    final double minDistance2;

    private BlockPairLoss(long pairs, double max, double sum, double[] gradient, long first, long second, double minDistance2) {
        this.pairs = pairs;
        this.max = max;
        this.sum = sum;
        this.gradient = gradient;
        this.first = first;
        this.second = second;
        this.minDistance2 = minDistance2;
    }

    /** The pairs (μ in a, ν in b), or μ &lt; ν when a is b; features of the rows of W (D × d). */
    static BlockPairLoss of(SeparationLoss loss, PatternBlock a, PatternBlock b, double[] w, int D, double t, boolean normalize) {
        boolean same = a.shard == b.shard;
        int ma = a.rows(), mb = b.rows(), d = a.d;
        double[] fa = features(a, w, D), fb = same ? fa : features(b, w, D);
        double[] na = norms(fa, ma, D), nb = same ? na : norms(fb, mb, D);
        double[] ua = unit(fa, na, ma, D, normalize), ub = same ? ua : unit(fb, nb, mb, D, normalize);
        double[] v = new double[ma * mb];
        double max = Double.NEGATIVE_INFINITY, minD2 = Double.POSITIVE_INFINITY;
        long pairs = 0, first = -1, second = -1;
        for (int i = 0; i < ma; i++) {
            for (int j = same ? i + 1 : 0; j < mb; j++) {
                double d2 = 0, k = 0;
                for (int r = 0; r < D; r++) {
                    double x = ua[i * D + r], y = ub[j * D + r];
                    d2 += (x - y) * (x - y);
                    k += x * y;
                }
                double value = loss == SeparationLoss.DL ? 2 * t * (k * k - 1) : -t * d2;
                v[i * mb + j] = value;
                minD2 = Math.min(minD2, d2);
                pairs++;
                long lo = Math.min(a.ids[i], b.ids[j]), hi = Math.max(a.ids[i], b.ids[j]);
                if (value > max || value == max && firstInRowMajor(lo, hi, first, second)) {
                    max = value;
                    first = lo;
                    second = hi;
                }
            }
        }
        double[] ga = new double[ma * D], gb = same ? ga : new double[mb * D];
        double sum = 0;
        for (int i = 0; i < ma; i++) {
            for (int j = same ? i + 1 : 0; j < mb; j++) {
                double e;
                if (loss == SeparationLoss.MAX) {
                    long lo = Math.min(a.ids[i], b.ids[j]), hi = Math.max(a.ids[i], b.ids[j]);
                    if (lo != first || hi != second) continue;
                    e = 1;
                } else {
                    e = Math.exp(v[i * mb + j] - max);
                    sum += e;
                }
                addPairGradient(loss, t, e, ua, i, ub, j, ga, gb, D);
            }
        }
        double[] gradient = new double[D * d];
        backToW(ga, fa, na, ua, a, D, normalize, gradient);
        if (!same) backToW(gb, fb, nb, ub, b, D, normalize, gradient);
        return new BlockPairLoss(pairs, max, loss == SeparationLoss.MAX ? 1 : sum, gradient, first, second, minD2);
    }

    private static boolean firstInRowMajor(long lo, long hi, long first, long second) {
        return first < 0 || lo < first || lo == first && hi < second;
    }

    /** e · ∂v/∂û for pair (i of a, j of b): avg/max v = −t‖û_i − û_j‖², dl v = 2t(⟨û_i, û_j⟩² − 1). */
    private static void addPairGradient(SeparationLoss loss, double t, double e, double[] ua, int i, double[] ub, int j,
                                        double[] ga, double[] gb, int D) {
        if (loss == SeparationLoss.DL) {
            double k = 0;
            for (int r = 0; r < D; r++) k += ua[i * D + r] * ub[j * D + r];
            for (int r = 0; r < D; r++) {
                ga[i * D + r] += e * 4 * t * k * ub[j * D + r];
                gb[j * D + r] += e * 4 * t * k * ua[i * D + r];
            }
        } else {
            for (int r = 0; r < D; r++) {
                double diff = ua[i * D + r] - ub[j * D + r];
                ga[i * D + r] += -e * 2 * t * diff;
                gb[j * D + r] += e * 2 * t * diff;
            }
        }
    }

    /** ∂/∂W += Σ_μ (g_μ through the normalisation) ξ_μᵀ. */
    private static void backToW(double[] g, double[] f, double[] n, double[] u, PatternBlock block, int D, boolean normalize,
                                double[] gradient) {
        int d = block.d;
        double[] gf = new double[D];
        for (int mu = 0; mu < block.rows(); mu++) {
            if (normalize) {
                if (n[mu] == 0) continue;
                double dot = 0;
                for (int r = 0; r < D; r++) dot += u[mu * D + r] * g[mu * D + r];
                for (int r = 0; r < D; r++) gf[r] = (g[mu * D + r] - u[mu * D + r] * dot) / n[mu];
            } else {
                System.arraycopy(g, mu * D, gf, 0, D);
            }
            for (int r = 0; r < D; r++) {
                if (gf[r] == 0) continue;
                for (int j = 0; j < d; j++) gradient[r * d + j] += gf[r] * block.get(mu, j);
            }
        }
    }

    private static double[] features(PatternBlock block, double[] w, int D) {
        int d = block.d;
        double[] f = new double[block.rows() * D];
        for (int mu = 0; mu < block.rows(); mu++) {
            for (int r = 0; r < D; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += w[r * d + j] * block.get(mu, j);
                f[mu * D + r] = s;
            }
        }
        return f;
    }

    private static double[] norms(double[] f, int m, int D) {
        double[] n = new double[m];
        for (int mu = 0; mu < m; mu++) {
            double s = 0;
            for (int r = 0; r < D; r++) s += f[mu * D + r] * f[mu * D + r];
            n[mu] = Math.sqrt(s);
        }
        return n;
    }

    private static double[] unit(double[] f, double[] n, int m, int D, boolean normalize) {
        if (!normalize) return f;
        double[] u = new double[f.length];
        for (int mu = 0; mu < m; mu++) for (int r = 0; r < D; r++) u[mu * D + r] = n[mu] > 0 ? f[mu * D + r] / n[mu] : 0;
        return u;
    }

    /** The terms of both (merged exactly). */
    BlockPairLoss merge(SeparationLoss loss, BlockPairLoss o) {
        if (o.pairs == 0) return this;
        if (pairs == 0) return o;
        double minD2 = Math.min(minDistance2, o.minDistance2);
        if (loss == SeparationLoss.MAX) {
            boolean mine = max > o.max || max == o.max && firstInRowMajor(first, second, o.first, o.second);
            BlockPairLoss w = mine ? this : o;
            return new BlockPairLoss(pairs + o.pairs, w.max, 1, w.gradient, w.first, w.second, minD2);
        }
        double m = Math.max(max, o.max), fa = Math.exp(max - m), fb = Math.exp(o.max - m);
        double[] g = new double[gradient.length];
        for (int i = 0; i < g.length; i++) g[i] = fa * gradient[i] + fb * o.gradient[i];
        return new BlockPairLoss(pairs + o.pairs, m, fa * sum + fb * o.sum, g, -1, -1, minD2);
    }

    /** The loss, ∂L/∂W and min d² of all the pairs merged into this one. */
    SeparationLoss.Evaluation evaluation(SeparationLoss loss) {
        if (loss == SeparationLoss.MAX) return new SeparationLoss.Evaluation(max, gradient.clone(), minDistance2);
        double[] g = new double[gradient.length];
        for (int i = 0; i < g.length; i++) g[i] = gradient[i] / sum;
        return new SeparationLoss.Evaluation(max + Math.log(sum / pairs), g, minDistance2);
    }
}
