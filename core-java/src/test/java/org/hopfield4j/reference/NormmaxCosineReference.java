package org.hopfield4j.reference;

/**
 * The float64 references of α-normmax and cosine similarity, staged here until the map and
 * similarity registries land (issue #11 item 7); they then move into {@link ReferenceSeparation}
 * and {@link ReferenceRetrieval}. Plain Java, written to be read against the definitions; shares
 * no code with the native kernel (native/src/main/cpp/normmax.hpp).
 *
 * <p>α-normmax (α &gt; 1), as {@code normmax_bisect} of deep-spin/entmax defines it and Santos et al.
 * (ICML 2024, "Sparse and Structured Hopfield Networks") use it as a Hopfield map:
 * p = argmax over the simplex of ⟨x, p⟩ − ‖p‖_α, i.e. p = [x − τ]₊^{1/(α−1)} normalised, with τ such
 * that Σ [x − τ]₊^{α/(α−1)} = 1. Its conjugate with Ω(p) = ‖p‖_α − 1 is Ψ*(z) = ⟨p, z⟩ + 1 − ‖p‖_α.
 *
 * <p>Cosine similarity: s_μ = ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖), and 0 when either vector is zero (the unit
 * vector of 0 is taken as 0, as torch's {@code cosine_similarity} does up to its ε).
 */
final class NormmaxCosineReference {
    private NormmaxCosineReference() {}

    /**
     * α-normmax of a row of finite values: τ by halving [max − 1, max − (1/n)^{α−1}]
     * {@value ReferenceSeparation#BISECTION_ITERATIONS} times (deep-spin's bracket: the max alone has
     * mass 1 at the low end, n entries equal to the max at most 1 at the high end), then p normalised.
     */
    static double[] normmaxBisectRow(double[] x, double alpha) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v);
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) u[i] = x[i] - max;
        double r = alpha / (alpha - 1);
        double tauLo = -1;
        double width = -Math.pow(1.0 / x.length, alpha - 1) - tauLo;
        for (int it = 0; it < ReferenceSeparation.BISECTION_ITERATIONS; it++) {
            width /= 2;
            double tauMid = tauLo + width;
            double mass = 0;
            for (double v : u) mass += v > tauMid ? Math.pow(v - tauMid, r) : 0;
            if (mass >= 1) tauLo = tauMid;
        }
        double[] p = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            p[i] = u[i] > tauLo ? Math.pow(u[i] - tauLo, 1 / (alpha - 1)) : 0;
            sum += p[i];
        }
        for (int i = 0; i < x.length; i++) p[i] /= sum;
        return p;
    }

    /**
     * The vector–Jacobian product of α-normmax, deep-spin's formula: with b_i = p_i^{2−α} on the
     * support (0 off it), dz = β ‖p‖_α^{α−1}/(α−1) (b ⊙ g − ⟨b, g⟩ p − ⟨g, p⟩ (b − (Σ b) p)).
     * An all-zero row gives zeros. For large α, p^{2−α} overflows (the native kernel avoids that).
     */
    static double[] normmaxBackward(double[] p, double[] g, int rows, int n, double beta, double alpha) {
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
            if (norm == 0) continue;
            double factor = beta * Math.pow(norm, (alpha - 1) / alpha) / (alpha - 1);
            for (int i = 0; i < n; i++) {
                double pi = p[r * n + i];
                dz[r * n + i] = factor * (b[i] * g[r * n + i] - bg * pi - pg * (b[i] - bSum * pi));
            }
        }
        return dz;
    }

    /** Ψ*(z) = ⟨p, z⟩ + 1 − ‖p‖_α for p = α-normmax(z): the conjugate of Ω(p) = ‖p‖_α − 1. */
    static double normmaxPsiStar(double alpha, double[] z) {
        double[] p = normmaxBisectRow(z, alpha);
        double pz = 0, norm = 0;
        for (int i = 0; i < z.length; i++) {
            if (p[i] > 0) {
                pz += p[i] * z[i];
                norm += Math.pow(p[i], alpha);
            }
        }
        return pz + 1 - Math.pow(norm, 1 / alpha);
    }

    /** s_μ = ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖) for the M patterns (row-major, M × d); 0 where a norm is 0. */
    static double[] cosineScores(double[] memories, int M, int d, double[] x) {
        double xNorm = 0;
        for (double v : x) xNorm += v * v;
        xNorm = Math.sqrt(xNorm);
        double[] s = new double[M];
        for (int mu = 0; mu < M; mu++) {
            double dot = 0, norm = 0;
            for (int i = 0; i < d; i++) {
                dot += memories[mu * d + i] * x[i];
                norm += memories[mu * d + i] * memories[mu * d + i];
            }
            double denominator = Math.sqrt(norm) * xNorm;
            s[mu] = denominator > 0 ? dot / denominator : 0;
        }
        return s;
    }
}
