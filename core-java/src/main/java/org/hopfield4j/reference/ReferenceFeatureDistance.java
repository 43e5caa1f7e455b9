package org.hopfield4j.reference;

/**
 * Float64 reference of {@link org.hopfield4j.FeatureDistanceRetriever}: softmax over s_μ = −‖W ξ_μ − W x‖₁
 * (or −‖·‖₂), then x ← Σ_μ p_μ ξ_μ, written out in plain loops.
 */
public final class ReferenceFeatureDistance {
    private ReferenceFeatureDistance() {}

    /**
     * The states after {@code steps} steps of B queries (B × d) against M patterns (M × d), with W (D × d).
     *
     * @param manhattan the L1 distance if true, else the Euclidean one
     */
    public static double[] retrieve(double[] w, int D, float[] patterns, int M, int d, float[] queries, int B,
                                    double beta, int steps, boolean manhattan) {
        double[] xi = new double[M * d];
        for (int i = 0; i < xi.length; i++) {
            xi[i] = patterns[i];
        }
        double[] x = new double[B * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = queries[i];
        }
        double[] fXi = features(w, D, xi, M, d);
        for (int t = 0; t < steps; t++) {
            double[] fX = features(w, D, x, B, d);
            double[] next = new double[B * d];
            for (int b = 0; b < B; b++) {
                double[] s = new double[M];
                double max = Double.NEGATIVE_INFINITY;
                for (int mu = 0; mu < M; mu++) {
                    double dist = 0;
                    for (int r = 0; r < D; r++) {
                        double u = fX[b * D + r] - fXi[mu * D + r];
                        dist += manhattan ? Math.abs(u) : u * u;
                    }
                    s[mu] = -beta * (manhattan ? dist : Math.sqrt(dist));
                    max = Math.max(max, s[mu]);
                }
                double z = 0;
                for (int mu = 0; mu < M; mu++) {
                    s[mu] = Math.exp(s[mu] - max);
                    z += s[mu];
                }
                for (int mu = 0; mu < M; mu++) {
                    for (int i = 0; i < d; i++) {
                        next[b * d + i] += s[mu] / z * xi[mu * d + i];
                    }
                }
            }
            x = next;
        }
        return x;
    }

    private static double[] features(double[] w, int D, double[] x, int n, int d) {
        double[] f = new double[n * D];
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < D; r++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += w[r * d + i] * x[b * d + i];
                }
                f[b * D + r] = s;
            }
        }
        return f;
    }
}
