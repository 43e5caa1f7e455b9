package org.hopfield4j.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.hopfield4j.nativelib.HopfieldNative;

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

    /** {@code separation_loss_f32}: W (D × d) and M memories (M × d) in float32; gradW may be null. */
    public static double separationLoss(FloatPointer w, long D, long d, FloatPointer memories, long M, int loss, double t,
                                        boolean normalize, FloatPointer gradW, double[] minDist2) {
        NativeCalls.enter();
        return HopfieldNative.separation_loss_f32(w, D, d, memories, M, loss, t, normalize ? 1 : 0, gradW, minDist2);
    }

    /** {@code separation_loss_f64}: W (D × d) and M memories (M × d) in float64; gradW may be null. */
    public static double separationLoss(DoublePointer w, long D, long d, DoublePointer memories, long M, int loss, double t,
                                        boolean normalize, DoublePointer gradW, double[] minDist2) {
        NativeCalls.enter();
        return HopfieldNative.separation_loss_f64(w, D, d, memories, M, loss, t, normalize ? 1 : 0, gradW, minDist2);
    }
}
