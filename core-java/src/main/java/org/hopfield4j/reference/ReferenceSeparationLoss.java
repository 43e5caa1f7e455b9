package org.hopfield4j.reference;

/**
 * The slow reference of the U-Hop separation losses: plain Java, float64, features by explicit sums,
 * pair distances by explicit differences (no Gram matrix), a log-mean-exp over an explicit list of
 * pairs, and the gradient by central finite differences. Written to be checked by eye against the
 * formulas of docs/math.md#uhop; {@link org.hopfield4j.SeparationLoss} is tested against it and it shares no code with the
 * native kernels.
 *
 * <p>Features f_μ = W ξ_μ (W: D × d, memories: M × d, both row-major), optionally normalised
 * (a zero feature stays zero); over the pairs μ &lt; ν with d² = ‖f_μ − f_ν‖², k = ⟨f_μ, f_ν⟩:
 * AVG = log mean exp(−t d²), MAX = max (−t d²), DL = log mean exp(2t (k² − 1)).
 * Arguments are not validated beyond what Java itself checks.
 */
public final class ReferenceSeparationLoss {
    /** The losses. */
    public enum Loss { AVG, MAX, DL }

    /** The loss and the smallest squared pairwise feature distance. */
    public record Result(double loss, double minDistance2) {}

    private ReferenceSeparationLoss() {}

    /** The features, one per row (M × D), normalised when asked. */
    public static double[] features(double[] w, int D, int d, double[] memories, int M, boolean normalize) {
        double[] f = new double[M * D];
        for (int mu = 0; mu < M; mu++) {
            for (int i = 0; i < D; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += w[i * d + j] * memories[mu * d + j];
                f[mu * D + i] = s;
            }
            if (normalize) {
                double r = 0;
                for (int i = 0; i < D; i++) r += f[mu * D + i] * f[mu * D + i];
                r = Math.sqrt(r);
                for (int i = 0; i < D; i++) f[mu * D + i] = r > 0 ? f[mu * D + i] / r : 0;
            }
        }
        return f;
    }

    public static Result evaluate(Loss loss, double[] w, int D, int d, double[] memories, int M, double t,
                                  boolean normalize) {
        double[] f = features(w, D, d, memories, M, normalize);
        int pairs = M * (M - 1) / 2;
        double[] s = new double[pairs];
        double minD2 = Double.POSITIVE_INFINITY;
        int p = 0;
        for (int mu = 0; mu < M; mu++) {
            for (int nu = mu + 1; nu < M; nu++) {
                double d2 = 0, k = 0;
                for (int i = 0; i < D; i++) {
                    double diff = f[mu * D + i] - f[nu * D + i];
                    d2 += diff * diff;
                    k += f[mu * D + i] * f[nu * D + i];
                }
                minD2 = Math.min(minD2, d2);
                s[p++] = loss == Loss.DL ? 2 * t * (k * k - 1) : -t * d2;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        if (loss == Loss.MAX) return new Result(max, minD2);
        double sum = 0;
        for (double v : s) sum += Math.exp(v - max);
        return new Result(max + Math.log(sum / pairs), minD2);
    }

    /** ∂L/∂W by central differences with step h · max(1, |W_ij|). */
    public static double[] finiteDifferenceGradient(Loss loss, double[] w, int D, int d, double[] memories, int M,
                                                    double t, boolean normalize, double h) {
        double[] g = new double[w.length];
        double[] wp = w.clone();
        for (int e = 0; e < w.length; e++) {
            double step = h * Math.max(1, Math.abs(w[e]));
            wp[e] = w[e] + step;
            double up = evaluate(loss, wp, D, d, memories, M, t, normalize).loss();
            wp[e] = w[e] - step;
            double down = evaluate(loss, wp, D, d, memories, M, t, normalize).loss();
            wp[e] = w[e];
            g[e] = (up - down) / (2 * step);
        }
        return g;
    }
}
