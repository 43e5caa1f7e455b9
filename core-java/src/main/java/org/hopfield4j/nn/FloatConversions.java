package org.hopfield4j.nn;

import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * The conversions at the edges of the float32 layers' path ({@link FloatPath}, {@link HeadProducts}),
 * natively on pinned Java arrays (float_convert.hpp): the JVM's loops convert one value at a time,
 * 3–4× slower than the vectorised native loop at the layers' sizes. Not part of the API.
 */
final class FloatConversions {
    private FloatConversions() {}

    /** The values rounded to float32 (beyond float32's range: ±infinity), in a new array. */
    static float[] rounded(double[] x) {
        return rounded(x, new float[x.length]);
    }

    /** The values rounded to float32 into {@code out} (x's length), which is returned. */
    static float[] rounded(double[] x, float[] out) {
        NativeCalls.enter();
        HopfieldNative.round_to_f32(x, out, x.length);
        return out;
    }

    /** The values widened to float64, exactly. */
    static double[] widened(float[] x) {
        double[] out = new double[x.length];
        NativeCalls.enter();
        HopfieldNative.widen_to_f64(x, out, x.length, 0);
        return out;
    }

    /** into[0, x.length) += x, in float64 (float32 gradients into their float64 masters). */
    static void addWidened(double[] into, float[] x) {
        NativeCalls.enter();
        HopfieldNative.widen_to_f64(x, into, x.length, 1);
    }
}
