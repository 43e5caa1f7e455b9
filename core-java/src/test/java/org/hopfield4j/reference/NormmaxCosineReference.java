package org.hopfield4j.reference;

/**
 * The float64 reference of cosine similarity, staged here until it moves into
 * {@link ReferenceRetrieval} with the cosine addition (issue #11 item 7).
 *
 * <p>Cosine similarity: s_μ = ⟨ξ_μ, x⟩ / (‖ξ_μ‖ ‖x‖), and 0 when either vector is zero (the unit
 * vector of 0 is taken as 0, as torch's {@code cosine_similarity} does up to its ε).
 */
final class NormmaxCosineReference {
    private NormmaxCosineReference() {}

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
