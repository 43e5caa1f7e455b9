package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.hopfield4j.fuzz.FuzzCase;
import org.hopfield4j.fuzz.FuzzValues;
import org.hopfield4j.reference.ReferenceSeparationLoss;

/**
 * Fuzzes the native U-Hop separation-loss kernel through {@link SeparationLoss#evaluate}: each loss,
 * small stores and feature maps W of any values, any t, normalised features or not.
 *
 * <p>Invariant: a call either throws the documented {@link IllegalArgumentException} or
 * {@link IllegalStateException} (a loss that is not finite), or returns a finite loss, a finite
 * gradient of W's shape and a finite min d² ≥ 0 that agree with the float64 reference within the
 * rounding of the Gram-matrix formulation (|f_μ|² + |f_ν|² − 2⟨f_μ, f_ν⟩ loses eps · |f|²), unless a
 * feature is subnormal or decided by cancellation in the store's precision; the gradient agrees with
 * the reference's central differences wherever those converge (see {@code checkGradient}).
 */
class SeparationLossFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void evaluateOnSmallStore(FuzzedDataProvider data) {
        SeparationLoss loss = data.pickValue(SeparationLoss.values());
        int M = data.consumeInt(0, 5);
        int d = data.consumeInt(0, 4);
        int D = data.consumeInt(0, 4);
        boolean float32 = data.consumeBoolean();
        double[] patterns = FuzzValues.values(data, M * d, float32);
        double[] w = FuzzValues.values(data, D * d, float32);
        double t = FuzzValues.anyDouble(data);
        boolean normalize = data.consumeBoolean();
        MemoryStore store = FuzzValues.storeOrNull(patterns, M, d, float32);
        if (store == null) return;
        try (store) {
            SeparationLoss.Evaluation result;
            try {
                result = loss.evaluate(w, D, store, t, normalize);
            } catch (IllegalArgumentException | IllegalStateException rejected) {
                return;
            }
            FuzzCase.check(() -> loss + " M=" + M + " d=" + d + " D=" + D + (float32 ? " float32" : " float64")
                    + " t=" + t + " normalize=" + normalize + " patterns=" + Arrays.toString(patterns)
                    + " W=" + Arrays.toString(w),
                    () -> checkEvaluation(loss, result, w, D, d, patterns, M, t, normalize, float32));
        }
    }

    private static void checkEvaluation(SeparationLoss loss, SeparationLoss.Evaluation result, double[] w, int D,
                                        int d, double[] patterns, int M, double t, boolean normalize,
                                        boolean float32) {
        assertTrue(Double.isFinite(result.loss()), "loss " + result.loss());
        assertEquals(w.length, result.gradient().length, "gradient shape");
        for (double g : result.gradient()) {
            assertTrue(Double.isFinite(g), "gradient entry " + g);
        }
        assertTrue(result.minDistance2() >= 0 && Double.isFinite(result.minDistance2()),
                "min d² " + result.minDistance2());

        double featureError = relativeFeatureError(w, D, d, patterns, M, float32);
        if (hasSubnormalFeature(w, D, d, patterns, M, float32) || !(featureError <= 1e-3)) {
            return; // rounding decides such a feature, and normalising it is discontinuous: nothing to compare
        }
        ReferenceSeparationLoss.Loss kind = ReferenceSeparationLoss.Loss.valueOf(loss.name());
        ReferenceSeparationLoss.Result reference =
                ReferenceSeparationLoss.evaluate(kind, w, D, d, patterns, M, t, normalize);
        double[] features = ReferenceSeparationLoss.features(w, D, d, patterns, M, normalize);
        double largest = 0;
        for (double f : features) {
            largest = Math.max(largest, Math.abs(f));
        }
        double epsilon = float32 ? Math.ulp(1f) : Math.ulp(1.0);
        // The Gram formulation's error in d² (or k) is about D · eps · |f|², plus what the features' own
        // rounding moves them (relative featureError); DL squares k once more.
        double scale = largest * largest * D;
        double distanceError = 16 * d * D * epsilon * scale + 32 * featureError * Math.max(4, scale);
        double lossError = t * distanceError * (kind == ReferenceSeparationLoss.Loss.DL ? 4 * Math.max(1, scale) : 1);
        assertEquals(reference.minDistance2(), result.minDistance2(), distanceError + 1e-9 * reference.minDistance2(),
                "min d² vs reference");
        if (Double.isFinite(reference.loss()) && Double.isFinite(lossError)) { // else t · d² overflowed there
            assertEquals(reference.loss(), result.loss(), lossError + 1e-9 * (1 + Math.abs(reference.loss())),
                    "loss vs reference");
        }
        checkGradient(kind, result.gradient(), w, D, d, patterns, M, t, normalize, float32, featureError);
    }

    /**
     * The gradient against the reference's central differences, where those are trustworthy: the
     * difference quotients at steps h and h/4 agree (so no kink — a tie of the max loss, a
     * normalised feature near 0 — lies within the step, and the loss is smooth at this scale). The
     * tolerance is relative to the largest entry, so a flipped sign or a missing factor 2 fails.
     */
    private static void checkGradient(ReferenceSeparationLoss.Loss kind, double[] gradient, double[] w, int D, int d,
                                      double[] patterns, int M, double t, boolean normalize, boolean float32,
                                      double featureError) {
        double[] coarse = ReferenceSeparationLoss.finiteDifferenceGradient(kind, w, D, d, patterns, M, t, normalize, 1e-4);
        double[] fine = ReferenceSeparationLoss.finiteDifferenceGradient(kind, w, D, d, patterns, M, t, normalize, 2.5e-5);
        double largest = 0;
        double disagreement = 0;
        for (int i = 0; i < fine.length; i++) {
            largest = Math.max(largest, Math.abs(fine[i]));
            disagreement = Math.max(disagreement, Math.abs(fine[i] - coarse[i]));
        }
        if (!(largest > 0 && Double.isFinite(largest)) || !(disagreement <= 1e-4 * largest)) {
            return; // the difference quotient is not converged (or the loss is flat): nothing to compare
        }
        double tolerance = (1e-3 + 16 * featureError + (float32 ? 1e-3 : 0)) * largest;
        for (int i = 0; i < fine.length; i++) {
            assertEquals(fine[i], gradient[i], tolerance, "gradient entry " + i + " (row " + i / d + ", column "
                    + i % d + ") vs the reference's central differences " + Arrays.toString(fine));
        }
    }

    /**
     * The largest relative rounding error of a feature vector W ξ_μ: up to d · eps · Σ|W_ij ξ_μj| per
     * component (an FMA or another summation order rounds differently) against its norm. Near 1 the
     * feature is decided by cancellation, and the kernel and the reference see different, equally
     * valid features. Infinite for a feature that is exactly cancelled to 0 by non-zero terms.
     */
    private static double relativeFeatureError(double[] w, int D, int d, double[] patterns, int M, boolean float32) {
        double epsilon = float32 ? Math.ulp(1f) : Math.ulp(1.0);
        double worst = 0;
        for (int mu = 0; mu < M; mu++) {
            double norm2 = 0;
            double error = 0;
            for (int i = 0; i < D; i++) {
                double f = 0;
                double magnitude = 0;
                for (int j = 0; j < d; j++) {
                    f += w[i * d + j] * patterns[mu * d + j];
                    magnitude += Math.abs(w[i * d + j] * patterns[mu * d + j]);
                }
                norm2 += f * f;
                error += d * epsilon * magnitude;
            }
            if (error > 0) {
                worst = Math.max(worst, error / Math.sqrt(norm2));
            }
        }
        return worst;
    }

    /**
     * Whether a feature W ξ, before normalisation, is non-zero but so small that its square (a Gram
     * entry, computed in the store's precision) is below the precision's normal range.
     */
    private static boolean hasSubnormalFeature(double[] w, int D, int d, double[] patterns, int M, boolean float32) {
        double normal = Math.sqrt(float32 ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        for (double f : ReferenceSeparationLoss.features(w, D, d, patterns, M, false)) {
            if (f != 0 && Math.abs(f) < normal) {
                return true;
            }
        }
        return false;
    }
}
