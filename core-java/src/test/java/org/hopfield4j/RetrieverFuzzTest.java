package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.hopfield4j.fuzz.FuzzCase;
import org.hopfield4j.fuzz.FuzzValues;
import org.hopfield4j.reference.ReferenceRetrieval;
import org.hopfield4j.reference.ReferenceSeparation;

/**
 * Fuzzes the native retrieval kernels through {@link Retriever}: small stores of any values, every
 * map (α-entmax with any α, poly-n with any n) and similarity (including a fuzzed kernel W), any β,
 * steps, tolerance and block, weights and energies recorded or not, batches from empty up.
 *
 * <p>Invariant: every call either throws the documented {@link IllegalArgumentException} or returns
 * finite states; with T = 0 the queries unchanged; otherwise each state a convex combination of the
 * stored patterns (within each coordinate's range; poly-n may also give exactly 0), step counts in
 * [0, T], recorded weights that are distributions over the M patterns, and finite energies that do
 * not increase along the dot-similarity iteration; and, wherever the input is well-conditioned, states
 * that agree with the float64 {@link ReferenceRetrieval} (see {@code checkAgainstReference}).
 */
class RetrieverFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void retrieveFromSmallStore(FuzzedDataProvider data) {
        int M = data.consumeInt(0, 5);
        int d = data.consumeInt(0, 4);
        boolean float32 = data.consumeBoolean();
        double[] patterns = FuzzValues.values(data, M * d, float32);
        MemoryStore store = FuzzValues.storeOrNull(patterns, M, d, float32);
        if (store == null) return;
        try (store) {
            Retriever retriever;
            try {
                retriever = configure(Retriever.builder(store), data, d, float32).build();
            } catch (IllegalArgumentException rejected) {
                return;
            }
            try (retriever) {
                int B = data.consumeInt(-1, 3);
                double[] queries = FuzzValues.values(data, Math.max(B, 0) * d, float32);
                Retrieval result;
                try {
                    result = float32 ? retriever.retrieve(ReferenceSeparation.toFloat(queries), B) : retriever.retrieve(queries, B);
                } catch (IllegalArgumentException rejected) {
                    return;
                }
                FuzzCase.check(() -> retriever + " patterns=" + Arrays.toString(patterns) + " queries="
                        + Arrays.toString(queries), () -> checkRetrieval(retriever, patterns, M, d, queries, B, result, float32));
            }
        }
    }

    private static Retriever.Builder configure(Retriever.Builder builder, FuzzedDataProvider data, int d,
                                               boolean float32) {
        switch (data.consumeInt(0, 4)) {
            case 0 -> builder.map(Separation.softmax());
            case 1 -> builder.map(Separation.sparsemax());
            case 2 -> builder.map(Separation.entmax15());
            case 3 -> builder.map(Separation.entmax(FuzzValues.anyDouble(data)));
            default -> builder.polynomial(FuzzValues.anyDouble(data));
        }
        switch (data.consumeInt(0, 3)) {
            case 0 -> builder.similarity(Similarity.dot());
            case 1 -> builder.similarity(Similarity.negativeL2());
            case 2 -> builder.similarity(Similarity.negativeManhattan());
            default -> {
                int D = data.consumeInt(0, 3);
                builder.similarity(Similarity.kernel(FuzzValues.values(data, D * d, float32), D, d));
            }
        }
        return builder.beta(FuzzValues.anyDouble(data))
                .steps(data.consumeInt(-1, 4))
                .eps(FuzzValues.anyDouble(data))
                .scoreBlock(data.consumeLong(0, 6))
                .recordWeights(data.consumeBoolean())
                .recordEnergies(data.consumeBoolean());
    }

    private static void checkRetrieval(Retriever retriever, double[] patterns, int M, int d, double[] queries, int B,
                                       Retrieval result, boolean float32) {
        double[] states = float32 ? ReferenceSeparation.toDouble(result.floatStates()) : result.doubleStates();
        assertEquals(B * d, states.length);
        int T = retriever.steps();
        double relative = float32 ? 1e-4 : 1e-10;
        double flushed = float32 ? Float.MIN_NORMAL : Double.MIN_NORMAL; // BLAS may flush subnormals to 0
        for (int b = 0; b < B; b++) {
            int steps = result.steps(b);
            assertTrue(steps >= 0 && steps <= T, "query " + b + " took " + steps + " steps, T = " + T);
            for (int j = 0; j < d; j++) {
                double x = states[b * d + j];
                assertTrue(Double.isFinite(x), "state (" + b + ", " + j + ") = " + x);
                if (T == 0) {
                    assertEquals(queries[b * d + j], x, 0.0, "T = 0 leaves the query unchanged");
                } else if (!(retriever.map() == null && x == 0)) {
                    checkInRange(patterns, M, d, j, x, relative, flushed, "state (" + b + ", " + j + ")");
                }
            }
        }
        if (T > 0 && B > 0) {
            checkAgainstReference(retriever, patterns, M, d, queries, B, states, float32);
        }
        if (retriever.recordsWeights()) {
            checkWeights(result.weights(), B, M, relative);
        }
        if (retriever.recordsEnergies()) {
            checkEnergies(retriever, result, B, relative);
        }
    }

    /**
     * The states against the float64 reference where the input is well-conditioned: every number
     * moderate (no overflow, no subnormal that BLAS may flush) and the reference's own states stable
     * when β, the queries (by a few roundings of the precision, alternating in sign) and ε are nudged —
     * so no support change, near tie or step-count boundary lies within the rounding. Then a dropped
     * β or a wrong map moves the states far beyond the tolerance.
     */
    private static void checkAgainstReference(Retriever retriever, double[] patterns, int M, int d, double[] queries,
                                              int B, double[] states, boolean float32) {
        Similarity similarity = retriever.similarity();
        double[] w = similarity.kind().needsData() ? similarity.featureMap() : new double[0];
        RetrievalMap map = retriever.retrievalMap();
        double shape = map.separation() == null ? map.degree() : map.alpha();
        if (!moderate(patterns) || !moderate(queries) || !moderate(w)
                || !moderate(new double[] {retriever.beta(), Double.isNaN(shape) ? 1 : shape})) {
            return;
        }
        ReferenceRetrieval reference = RetrievalFixtures.similarity(ReferenceRetrieval.of(patterns, M, d).map(map),
                similarity.kind(), w, similarity.featureDimension())
                .beta(retriever.beta()).steps(retriever.steps()).eps(retriever.eps());
        double[] expected = reference.retrieve(queries, B).states();
        double rounding = float32 ? 1e-5 : 1e-12;
        double[] nudgedQueries = queries.clone();
        for (int i = 0; i < queries.length; i++) nudgedQueries[i] *= 1 + (i % 2 == 0 ? rounding : -rounding);
        double scale = Double.MIN_NORMAL;
        for (double v : patterns) scale = Math.max(scale, Math.abs(v));
        double sensitivity = Math.max(
                Math.max(Numerics.maxAbsDiff(expected, reference.beta(retriever.beta() * (1 + rounding))
                        .retrieve(queries, B).states()),
                        Numerics.maxAbsDiff(expected, reference.retrieve(nudgedQueries, B).states())),
                Math.max(Numerics.maxAbsDiff(expected, reference.eps(retriever.eps() * (1 + 1e-3)).retrieve(queries, B).states()),
                        Numerics.maxAbsDiff(expected, reference.eps(retriever.eps() * (1 - 1e-3)).retrieve(queries, B).states())));
        double tolerance = (float32 ? 1e-3 : 1e-8) * scale;
        if (!(sensitivity <= tolerance / 8)) {
            return; // ill-conditioned: rounding alone may move the answer, nothing to compare
        }
        for (int i = 0; i < states.length; i++) {
            assertEquals(expected[i], states[i], tolerance, "state (" + i / d + ", " + i % d
                    + ") vs the float64 reference " + Arrays.toString(expected));
        }
    }

    /** Finite, and 0 or of a magnitude in [1e-6, 1e3]: nothing overflows, nothing is flushed. */
    private static boolean moderate(double[] values) {
        for (double v : values) {
            double a = Math.abs(v);
            if (!(a == 0 || (a >= 1e-6 && a <= 1e3))) return false;
        }
        return true;
    }

    /** x lies between the smallest and largest value of column j over the stored patterns. */
    private static void checkInRange(double[] patterns, int M, int d, int j, double x, double relative,
                                     double flushed, String what) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int mu = 0; mu < M; mu++) {
            min = Math.min(min, patterns[mu * d + j]);
            max = Math.max(max, patterns[mu * d + j]);
        }
        double slack = relative * Math.max(Math.abs(min), Math.abs(max)) + flushed;
        assertTrue(x >= min - slack && x <= max + slack,
                what + " = " + x + " is not a convex combination of the patterns' [" + min + ", " + max + "]");
    }

    private static void checkWeights(SparseWeights weights, int B, int M, double relative) {
        assertEquals(B, weights.rows());
        for (int b = 0; b < B; b++) {
            double sum = 0;
            for (double w : weights.rowValues(b)) {
                assertTrue(w >= 0 && w <= 1, "weight " + w + " of query " + b);
                sum += w;
            }
            for (int mu : weights.rowIndices(b)) {
                assertTrue(mu >= 0 && mu < M, "weight index " + mu + " of query " + b);
            }
            if (weights.rowSize(b) > 0) {
                assertEquals(1.0, sum, relative * M, "weights of query " + b + " sum to 1");
            }
        }
    }

    private static void checkEnergies(Retriever retriever, Retrieval result, int B, double relative) {
        double[] before = result.energyBefore();
        double[] after = result.energyAfter();
        for (int b = 0; b < B; b++) {
            assertTrue(Double.isFinite(before[b]), "energy before of query " + b + " = " + before[b]);
            if (after == null) {
                continue;
            }
            assertTrue(Double.isFinite(after[b]), "energy after of query " + b + " = " + after[b]);
            if (retriever.similarity().kind() == Similarity.Kind.DOT) {
                double slack = relative * (1 + Math.abs(before[b]) + Math.abs(after[b]));
                assertTrue(after[b] <= before[b] + slack,
                        "energy of query " + b + " rose from " + before[b] + " to " + after[b]);
            }
        }
    }
}
