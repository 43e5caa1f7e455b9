package org.hopfield4j.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.SeparationLossCall;

/**
 * The native U-Hop stage-I entry points (separation losses and their gradients), each call counted
 * by {@link NativeCalls}. Arguments are already validated; see {@code hopfield4j_uhop.h} for their
 * meaning. A NaN result means the kernel could not allocate its working memory or the features
 * overflowed; gradW and minDist2 are then NaN too.
 *
 * <p>Not part of the public API.
 */
public final class UHopKernels {
    public static final int LOSS_AVG = HopfieldNative.LOSS_AVG;
    public static final int LOSS_MAX = HopfieldNative.LOSS_MAX;
    public static final int LOSS_DL = HopfieldNative.LOSS_DL;

    private UHopKernels() {}

    private static SeparationLossCall call(long D, long d, long M, int loss, double t, boolean normalize) {
        NativeCalls.enter();
        return new SeparationLossCall().D(D).d(d).M(M).loss(loss).t(t).normalize(normalize ? 1 : 0);
    }

    /** {@code separation_loss_f32}: W (D × d) and M memories (M × d) in float32; gradW may be null. */
    public static double separationLoss(FloatPointer w, long D, long d, FloatPointer memories, long M, int loss, double t,
                                        boolean normalize, FloatPointer gradW, double[] minDist2) {
        try (SeparationLossCall c = call(D, d, M, loss, t, normalize)) {
            return HopfieldNative.separation_loss_f32(c, w, memories, gradW, minDist2);
        }
    }

    /** {@code separation_loss_f64}: W (D × d) and M memories (M × d) in float64; gradW may be null. */
    public static double separationLoss(DoublePointer w, long D, long d, DoublePointer memories, long M, int loss, double t,
                                        boolean normalize, DoublePointer gradW, double[] minDist2) {
        try (SeparationLossCall c = call(D, d, M, loss, t, normalize)) {
            return HopfieldNative.separation_loss_f64(c, w, memories, gradW, minDist2);
        }
    }
}
