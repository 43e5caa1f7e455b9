package org.hopfield4j.reference;

import org.hopfield4j.reference.ReferenceSeparation.Map;

/**
 * Slow, plain-Java float64 references of the differentiable kernels (org.hopfield4j.nn): the
 * association out = map(β Q Kᵀ + mask) V and its backward, the α-derivative of α-entmax (from the
 * implicit function theorem on the threshold, not the closed form the native code uses), the backward
 * of T retrieval steps, and the Fenchel–Young losses. Loops only; the maps from
 * {@link ReferenceSeparation}. Arguments are not validated.
 */
public final class ReferenceAssociation {
    private ReferenceAssociation() {}

    /**
     * One association problem batch.
     *
     * @param alphas per row (problems × nq values; the map's fixed α for the fixed maps)
     * @param betas  per problem
     * @param mask   null or problems × nq × nk, false = masked
     * @param keep   null or problems × nq × nk dropout flags; kept entries are scaled by dropScale
     */
    public record Case(Map map, double[] alphas, int problems, int nq, int nk, int dk, int dv, double[] q, double[] k,
                       double[] v, double[] betas, boolean[] mask, boolean[] keep, double dropScale) {}

    /** out (problems × nq × dv), P and S (problems × nq × nk). */
    public record Forward(double[] out, double[] p, double[] s) {}

    /** The gradients; dBeta per problem, dAlpha per row. */
    public record Gradients(double[] dq, double[] dk, double[] dv, double[] dBeta, double[] dAlpha) {}

    public static Forward forward(Case c) {
        int nq = c.nq, nk = c.nk;
        double[] s = new double[c.problems * nq * nk], p = new double[s.length], out = new double[c.problems * nq * c.dv];
        for (int b = 0; b < c.problems; b++) {
            for (int i = 0; i < nq; i++) {
                int r = b * nq + i;
                double[] row = new double[nk];
                boolean[] m = c.mask == null ? null : new boolean[nk];
                for (int j = 0; j < nk; j++) {
                    row[j] = dot(c.q, r * c.dk, c.k, (b * nk + j) * c.dk, c.dk);
                    s[r * nk + j] = row[j];
                    if (m != null) m[j] = c.mask[r * nk + j];
                }
                double[] pr = ReferenceSeparation.apply(c.map, c.alphas[r], row, m, 1, nk, c.betas[b]);
                System.arraycopy(pr, 0, p, r * nk, nk);
                for (int j = 0; j < nk; j++) {
                    double w = dropped(c, p, r * nk + j);
                    for (int e = 0; e < c.dv; e++) out[r * c.dv + e] += w * c.v[(b * nk + j) * c.dv + e];
                }
            }
        }
        return new Forward(out, p, s);
    }

    public static Gradients backward(Case c, Forward f, double[] dOut) {
        int nq = c.nq, nk = c.nk;
        double[] dq = new double[c.q.length], dk = new double[c.k.length], dv = new double[c.v.length];
        double[] dBeta = new double[c.problems], dAlpha = new double[c.problems * nq];
        for (int b = 0; b < c.problems; b++) {
            for (int i = 0; i < nq; i++) {
                int r = b * nq + i;
                double[] dp = new double[nk], pr = new double[nk], z = new double[nk];
                for (int j = 0; j < nk; j++) {
                    int kj = b * nk + j;
                    double keepScale = c.keep == null ? 1 : c.keep[r * nk + j] ? c.dropScale : 0;
                    dp[j] = keepScale * dot(dOut, r * c.dv, c.v, kj * c.dv, c.dv);
                    for (int e = 0; e < c.dv; e++) dv[kj * c.dv + e] += dropped(c, f.p, r * nk + j) * dOut[r * c.dv + e];
                    pr[j] = f.p[r * nk + j];
                    z[j] = c.betas[b] * f.s[r * nk + j];
                }
                if (c.map == Map.ENTMAX_BISECT) dAlpha[r] = entmaxAlphaVjp(pr, z, dp, c.alphas[r]);
                // G = J^T dp at beta s; dS = beta G
                double[] g = ReferenceSeparation.backward(c.map, c.alphas[r], pr, dp, 1, nk, 1.0);
                for (int j = 0; j < nk; j++) {
                    if (pr[j] > 0) dBeta[b] += g[j] * f.s[r * nk + j];
                    double ds = c.betas[b] * g[j];
                    int kj = b * nk + j;
                    for (int e = 0; e < c.dk; e++) {
                        dq[r * c.dk + e] += ds * c.k[kj * c.dk + e];
                        dk[kj * c.dk + e] += ds * c.q[r * c.dk + e];
                    }
                }
            }
        }
        return new Gradients(dq, dk, dv, dBeta, dAlpha);
    }

    /**
     * ⟨g, ∂p/∂α⟩ for p = α-entmax(z) (z already scaled by β), by implicit differentiation: on the
     * support u_i = (α − 1) z_i − τ = p_i^(α−1), p_i = u_i^k with k = 1/(α − 1), so
     * ∂p_i/∂α = p_i (−k² ln u_i + k (z_i − τ')/u_i), and Σ ∂p_i/∂α = 0 fixes τ' = ∂τ/∂α.
     */
    public static double entmaxAlphaVjp(double[] p, double[] z, double[] g, double alpha) {
        double k = 1 / (alpha - 1);
        double num = 0, den = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0)) continue;
            double u = Math.pow(p[i], alpha - 1);
            num += p[i] * (-k * k * Math.log(u) + k * z[i] / u);
            den += k * p[i] / u;
        }
        if (den == 0) return 0;
        double tauPrime = num / den;
        double out = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0)) continue;
            double u = Math.pow(p[i], alpha - 1);
            out += g[i] * p[i] * (-k * k * Math.log(u) + k * (z[i] - tauPrime) / u);
        }
        return out;
    }

    /**
     * T retrieval steps ξ_{t+1} = map(β (ξ_t Wᵀ)(Y Wᵀ)ᵀ) V (W null: the dot similarity; values null:
     * V = Y) and the VJP of ⟨upstream, ξ_T⟩: {dξ_0, dY, dV (or null), dW (or null)}, then dβ, dα
     * (per state) in {@code scalars} (1 + B values).
     */
    public static double[][] retrievalGradient(Map map, double[] alphas, double beta, int steps, double[] states, int B,
                                               double[] y, int M, int d, double[] values, int dv, double[] w, int D,
                                               boolean[] mask, double[] upstream, double[] scalars, double[] finalStates) {
        int dk = w == null ? d : D;
        double[] keys = w == null ? y : project(y, M, d, w, D);
        double[] v = values == null ? y : values;
        double[][] xs = new double[steps + 1][];
        Case[] cases = new Case[steps];
        Forward[] fs = new Forward[steps];
        xs[0] = states;
        for (int t = 0; t < steps; t++) {
            double[] q = w == null ? xs[t] : project(xs[t], B, d, w, D);
            cases[t] = new Case(map, alphas, 1, B, M, dk, dv, q, keys, v, new double[] {beta}, mask, null, 1);
            fs[t] = forward(cases[t]);
            xs[t + 1] = fs[t].out;
        }
        System.arraycopy(xs[steps], 0, finalStates, 0, finalStates.length);
        double[] g = upstream.clone();
        double[] dKeys = new double[M * dk], dV = new double[M * dv], dW = w == null ? null : new double[D * d];
        for (int t = steps - 1; t >= 0; t--) {
            Gradients gr = backward(cases[t], fs[t], g);
            add(dKeys, gr.dk);
            add(dV, gr.dv);
            scalars[0] += gr.dBeta[0];
            for (int b = 0; b < B; b++) scalars[1 + b] += gr.dAlpha[b];
            if (w == null) {
                g = gr.dq;
            } else {
                g = new double[B * d];
                for (int b = 0; b < B; b++) {
                    for (int o = 0; o < D; o++) {
                        double dqo = gr.dq[b * D + o];
                        for (int e = 0; e < d; e++) {
                            g[b * d + e] += dqo * w[o * d + e];
                            dW[o * d + e] += dqo * xs[t][b * d + e];
                        }
                    }
                }
            }
        }
        double[] dY = new double[M * d];
        if (w == null) {
            add(dY, dKeys);
        } else {
            for (int m = 0; m < M; m++) {
                for (int o = 0; o < D; o++) {
                    double dko = dKeys[m * D + o];
                    for (int e = 0; e < d; e++) {
                        dY[m * d + e] += dko * w[o * d + e];
                        dW[o * d + e] += dko * y[m * d + e];
                    }
                }
            }
        }
        if (values == null) add(dY, dV);
        return new double[][] {g, dY, values == null ? null : dV, dW};
    }

    /**
     * The Fenchel–Young loss Ω_α(p) + ⟨p − e_y, z⟩ of one row (α &gt; 1, p = α-entmax(z)); its
     * gradient p − e_y goes to {@code grad}.
     */
    public static double fenchelYoung(Map map, double alpha, double[] z, int target, double[] grad) {
        double[] p = ReferenceSeparation.apply(map, alpha, z, null, 1, z.length, 1.0);
        double a = map.alpha(alpha), sumPa = 0, dot = 0;
        for (int i = 0; i < z.length; i++) {
            if (p[i] > 0) sumPa += Math.pow(p[i], a);
            double yi = i == target ? 1 : 0;
            dot += (p[i] - yi) * z[i];
            grad[i] = p[i] - yi;
        }
        return (1 - sumPa) / (a * (a - 1)) + dot;
    }

    private static double[] project(double[] x, int rows, int d, double[] w, int D) {
        double[] out = new double[rows * D];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < D; o++) out[r * D + o] = dot(x, r * d, w, o * d, d);
        }
        return out;
    }

    private static double dropped(Case c, double[] p, int i) {
        return c.keep == null ? p[i] : c.keep[i] ? p[i] * c.dropScale : 0;
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    private static void add(double[] into, double[] x) {
        for (int i = 0; i < into.length; i++) into[i] += x[i];
    }
}
