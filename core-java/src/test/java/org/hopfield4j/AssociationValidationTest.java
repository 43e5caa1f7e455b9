package org.hopfield4j;

import static org.hopfield4j.Rejections.assertRejectedBeforeNative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hopfield4j.nn.Association;
import org.hopfield4j.nn.AssociationForward;
import org.hopfield4j.nn.EntmaxAlpha;
import org.hopfield4j.nn.FenchelYoungLoss;
import org.hopfield4j.nn.NormmaxAlpha;
import org.hopfield4j.nn.RetrievalGradient;
import org.junit.jupiter.api.Test;

/**
 * The differentiable kernels of org.hopfield4j.nn reject bad arguments in Java, with a message naming
 * what was wrong, before any native call (shapes, lengths, non-finite values, β, α and its count,
 * masks, dropout, retrieval settings without a gradient, targets, the raw α).
 */
class AssociationValidationTest {
    private static final Association.Shape SHAPE = new Association.Shape(2, 1, 3, 2, 2);
    private static final Association SOFTMAX = Association.of(Separation.softmax(), SHAPE);
    private static final double[] Q = new double[4], K = new double[12], V = new double[12];

    @Test
    void associationShapesAndSettings() {
        assertRejectedBeforeNative(IllegalArgumentException.class, "problems must be >= 1",
                () -> new Association.Shape(0, 1, 3, 2, 2));
        assertRejectedBeforeNative(IllegalArgumentException.class, "keyDim must be >= 1",
                () -> new Association.Shape(2, 1, 3, 0, 2));
        assertRejectedBeforeNative(IllegalArgumentException.class, "exceeds the largest Java array",
                () -> new Association.Shape(1 << 16, 1 << 16, 3, 2, 2));
        assertRejectedBeforeNative(IllegalArgumentException.class, "3 per-row alphas, expected problems * queries = 2",
                () -> Association.of(Separation.entmaxPerRow(1.5, 1.5, 1.5), SHAPE));
        assertRejectedBeforeNative(IllegalArgumentException.class, "mask has length 5, expected 6",
                () -> SOFTMAX.withMask(new boolean[5]));
        assertRejectedBeforeNative(IllegalArgumentException.class, "keyCounts[1] = 4, expected 0 to keys = 3",
                () -> SOFTMAX.withKeyCounts(new int[] {1, 4}));
        assertRejectedBeforeNative(IllegalArgumentException.class, "dropout rate must be in [0, 1), got 1.0",
                () -> SOFTMAX.withDropout(new boolean[6], 1.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "dropout rate must be in [0, 1), got NaN",
                () -> SOFTMAX.withDropout(new boolean[6], Double.NaN));
    }

    @Test
    void associationForwardAndBackwardArguments() {
        assertRejectedBeforeNative(NullPointerException.class, "queries must not be null",
                () -> SOFTMAX.forward(null, K, V, 1.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "keys has length 11, expected 12",
                () -> SOFTMAX.forward(Q, new double[11], V, 1.0));
        double[] bad = V.clone();
        bad[5] = Double.NaN;
        assertRejectedBeforeNative(IllegalArgumentException.class, "values",
                () -> SOFTMAX.forward(Q, K, bad, 1.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "beta must be finite and > 0, got NaN",
                () -> SOFTMAX.forward(Q, K, V, Double.NaN));
        assertRejectedBeforeNative(IllegalArgumentException.class, "beta[1] must be finite and > 0, got 0.0",
                () -> SOFTMAX.forward(Q, K, V, 1.0, 0.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "beta has 3 values, expected 1 or problems = 2",
                () -> SOFTMAX.forward(Q, K, V, 1.0, 1.0, 1.0));
        double[] huge = K.clone();
        huge[0] = 1e300;
        double[] q = Q.clone();
        q[0] = 1e10;
        assertRejectedBeforeNative(IllegalArgumentException.class, "could overflow the scores",
                () -> SOFTMAX.forward(q, huge, V, 1.0));
        AssociationForward<double[]> f = SOFTMAX.forward(Q, K, V, 1.0);
        assertRejectedBeforeNative(IllegalArgumentException.class, "dOut has length 3, expected 4",
                () -> f.backward(new double[3]));
        assertRejectedBeforeNative(IllegalArgumentException.class, "dOut",
                () -> f.backward(new double[] {0, Double.POSITIVE_INFINITY, 0, 0}));
        assertRejectedBeforeNative(IllegalArgumentException.class, "dOut has NaN at (row 0, column 1)",
                () -> f.backward(new double[] {0, Double.NaN, 0, 0}));
    }

    @Test
    void retrievalGradientSettingsAndArguments() {
        try (MemoryStore store = MemoryStore.ofDouble(new double[6], 3, 2)) {
            try (Retriever r = Retriever.builder(store).polynomial(3).build()) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "poly-n has no gradient", () -> RetrievalGradient.of(r));
            }
            try (Retriever r = Retriever.builder(store).map(Separation.softmax()).steps(2).eps(1e-3).build()) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "eps must be 0 for a gradient", () -> RetrievalGradient.of(r));
            }
            try (Retriever r = Retriever.builder(store).map(Separation.softmax()).steps(0).build()) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "steps must be >= 1", () -> RetrievalGradient.of(r));
            }
            try (Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.negativeL2()).build()) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "supports the dot similarity and the learned kernel",
                        () -> RetrievalGradient.of(r));
            }
            try (Retriever r = Retriever.builder(store).map(Separation.softmax()).similarity(Similarity.kernelKeys(new double[6], 3, 2)).build()) {
                assertRejectedBeforeNative(IllegalArgumentException.class, "given by W", () -> RetrievalGradient.of(r));
            }
            try (Retriever r = Retriever.builder(store).map(Separation.softmax()).steps(2).build()) {
                RetrievalGradient g = RetrievalGradient.of(r);
                assertRejectedBeforeNative(IllegalArgumentException.class, "the store is float64, got float32",
                        () -> g.vjp(new float[4], 2, new float[4]));
                assertRejectedBeforeNative(IllegalArgumentException.class, "states has length 3, expected 4",
                        () -> g.vjp(new double[3], 2, new double[4]));
                assertRejectedBeforeNative(IllegalArgumentException.class, "mask has length 5, expected 6",
                        () -> g.vjp(new double[4], 2, new double[4], new boolean[5]));
                assertRejectedBeforeNative(IllegalArgumentException.class, "need steps = 1",
                        () -> g.withValues(new double[9], 3));
            }
        }
    }

    @Test
    void fenchelYoungAndAlphaParameter() {
        assertRejectedBeforeNative(IllegalArgumentException.class, "got softmax",
                () -> FenchelYoungLoss.of(Separation.softmax()));
        FenchelYoungLoss loss = FenchelYoungLoss.of(Separation.sparsemax());
        assertRejectedBeforeNative(IllegalArgumentException.class, "targets[1] = 3, expected a class 0 to 2",
                () -> loss.compute(new double[6], new int[] {0, 3}, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "ignoreIndex = 1 is a valid class",
                () -> loss.ignoreIndex(1).compute(new double[6], new int[] {0, 1}, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "scores",
                () -> loss.compute(new double[] {0, 0, Double.NaN, 0, 0, 0}, new int[] {0, 1}, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "raw alpha parameter is NaN",
                () -> EntmaxAlpha.alpha(Double.NaN));
        assertRejectedBeforeNative(IllegalArgumentException.class, "alpha must be in (1 + 0.01, 2)",
                () -> EntmaxAlpha.raw(2.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "alpha must be in (1 + 0.01, 2)",
                () -> EntmaxAlpha.raw(1 + EntmaxAlpha.MIN_EXCESS));
    }

    @Test
    void everyArrayOfAnAssociationIsCheckedForItsLengthAndFiniteValues() {
        assertRejectedBeforeNative(IllegalArgumentException.class, "keyCounts has length 1, expected 2",
                () -> SOFTMAX.withKeyCounts(new int[] {1}));
        assertRejectedBeforeNative(IllegalArgumentException.class, "keep has length 5, expected 6",
                () -> SOFTMAX.withDropout(new boolean[5], 0.5));
        assertRejectedBeforeNative(IllegalArgumentException.class, "queries has length 3, expected 4",
                () -> SOFTMAX.forward(new double[3], K, V, 1.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "values has length 11, expected 12",
                () -> SOFTMAX.forward(Q, K, new double[11], 1.0));
        double[] q = Q.clone();
        q[1] = Double.POSITIVE_INFINITY;
        assertRejectedBeforeNative(IllegalArgumentException.class, "queries", () -> SOFTMAX.forward(q, K, V, 1.0));
        double[] k = K.clone();
        k[7] = Double.NaN;
        assertRejectedBeforeNative(IllegalArgumentException.class, "keys", () -> SOFTMAX.forward(Q, k, V, 1.0));
    }

    @Test
    void float32InputsAreCheckedAndMeasuredInFloat32() {
        float[] q = new float[4], k = new float[12], v = new float[12];
        q[2] = Float.NaN;
        assertRejectedBeforeNative(IllegalArgumentException.class, "queries has NaN at (row 1, column 0)",
                () -> SOFTMAX.forward(q, k, v, 1.0));
        q[2] = 1e18f;   // 1e18 * 1e18 * dk = 2e36 > Float.MAX_VALUE / 1024
        k[3] = -1e18f;
        assertRejectedBeforeNative(IllegalArgumentException.class, "could overflow the scores in float32",
                () -> SOFTMAX.forward(q, k, v, 1.0));
    }

    @Test
    void theScoreBoundIsMaxBetaOneTimesMaxQueryMaxKeyAndKeyDim() {
        double limit = Precision.FLOAT64.overflowLimit();
        double[] q = Q.clone(), k = K.clone();
        q[0] = limit / 2;   // (1, 1/2 limit, 1, dk = 2): exactly the limit, which is allowed
        k[0] = 1;
        SOFTMAX.forward(q, k, V, 0.5);
        q[0] = k[0] = Math.sqrt(limit / 1.5);   // only the factor dk = 2 takes it over the limit
        assertRejectedBeforeNative(IllegalArgumentException.class, "could overflow the scores",
                () -> SOFTMAX.forward(q, k, V, 1.0));
        q[0] = k[0] = 1e150;   // only beta = 1e6 takes it over the limit
        SOFTMAX.forward(q, k, V, 1.0);
        assertRejectedBeforeNative(IllegalArgumentException.class, "could overflow the scores",
                () -> SOFTMAX.forward(q, k, V, 1.0, 1e6));
    }

    @Test
    void everyArrayOfALossOrRetrievalGradientIsCheckedForItsLengthAndFiniteValues() {
        FenchelYoungLoss loss = FenchelYoungLoss.of(Separation.sparsemax());
        double[] soft = {0.5, 0.5, 0, 0, 0, 1};
        assertRejectedBeforeNative(IllegalArgumentException.class, "scores has length 5, expected 6",
                () -> loss.compute(new double[5], new int[] {0, 1}, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "targets has length 3, expected 2",
                () -> loss.compute(new double[6], new int[] {0, 1, 2}, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "scores has length 5, expected 6",
                () -> loss.computeSoft(new double[5], soft, 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "targets has length 5, expected 6",
                () -> loss.computeSoft(new double[6], new double[5], 2, 3));
        assertRejectedBeforeNative(IllegalArgumentException.class, "scores has -Infinity at (row 1, column 1)",
                () -> loss.computeSoft(new double[] {0, 0, 0, 0, Double.NEGATIVE_INFINITY, 0}, soft, 2, 3));
        try (MemoryStore store = MemoryStore.ofDouble(new double[6], 3, 2);
             Retriever r = Retriever.builder(store).map(Separation.softmax()).build()) {
            RetrievalGradient g = RetrievalGradient.of(r);
            assertRejectedBeforeNative(IllegalArgumentException.class, "the store is float64, got float32",
                    () -> g.withValues(new float[6], 2));
            assertRejectedBeforeNative(IllegalArgumentException.class, "values has length 5, expected 6",
                    () -> g.withValues(new double[5], 2));
            assertRejectedBeforeNative(IllegalArgumentException.class, "values",
                    () -> g.withValues(new double[] {0, 0, 0, Double.NaN, 0, 0}, 2));
            assertRejectedBeforeNative(IllegalArgumentException.class, "upstream has length 3, expected 4",
                    () -> g.vjp(new double[4], 2, new double[3]));
            assertRejectedBeforeNative(IllegalArgumentException.class, "states",
                    () -> g.vjp(new double[] {0, Double.NaN, 0, 0}, 2, new double[4]));
            assertRejectedBeforeNative(IllegalArgumentException.class, "upstream",
                    () -> g.vjp(new double[4], 2, new double[] {0, 0, Double.NEGATIVE_INFINITY, 0}));
        }
    }

    @Test
    void normmaxAlphaGradientArguments() {
        double[] p = {0.5, 0.5, 0, 0.25, 0.25, 0.5}, g = {1, 0, 0, 0, 1, 0};
        assertRejectedBeforeNative(IllegalArgumentException.class, "p has length 5, expected 6",
                () -> NormmaxAlpha.vjp(new double[5], g, 2, 3, 2.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "g has length 7, expected 6",
                () -> NormmaxAlpha.vjp(p, new double[7], 2, 3, 2.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "p has NaN at (row 1, column 2)",
                () -> NormmaxAlpha.vjp(new double[] {0.5, 0.5, 0, 0.25, 0.25, Double.NaN}, g, 2, 3, 2.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "g has Infinity at (row 0, column 1)",
                () -> NormmaxAlpha.vjp(p, new double[] {1, Double.POSITIVE_INFINITY, 0, 0, 1, 0}, 2, 3, 2.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "normmax alpha must be finite and > 1, got 1.0",
                () -> NormmaxAlpha.vjp(p, g, 2, 3, 1.0));
        assertRejectedBeforeNative(IllegalArgumentException.class, "normmax alpha must be finite and > 1, got Infinity",
                () -> NormmaxAlpha.vjp(p, g, 2, 3, Double.POSITIVE_INFINITY));
    }

    @Test
    void theLossesRangesAreCheckedAtTheirBounds() {
        FenchelYoungLoss loss = FenchelYoungLoss.of(Separation.sparsemax());
        assertRejectedBeforeNative(IllegalArgumentException.class, "ignoreIndex = 0 is a valid class (0 to 2)",
                () -> loss.ignoreIndex(0).compute(new double[6], new int[] {0, 1}, 2, 3));
        assertEquals(0.0, loss.ignoreIndex(3).compute(new double[] {9, 0, 0, 0, 0, 9}, new int[] {0, 3}, 2, 3).loss(),
                "the ignore index n is not a class: its row is ignored");
        // a target row may miss 1 by 1e-9 * n (n = 4: 4e-9)
        double[] scores = new double[8];
        loss.computeSoft(scores, new double[] {0.25, 0.25, 0.25, 0.25 + 3e-9, 1, 0, 0, 0}, 2, 4);
        assertRejectedBeforeNative(IllegalArgumentException.class, "targets row 0 sums to",
                () -> loss.computeSoft(scores, new double[] {0.25, 0.25, 0.25, 0.25 + 6e-9, 1, 0, 0, 0}, 2, 4));
    }
}
