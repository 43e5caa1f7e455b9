package org.hopfield4j.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * The native float32 ↔ float16 / bfloat16 conversions of half-precision stores
 * ({@code hopfield4j_half.h}), each call counted by {@link NativeCalls}. Arguments are already
 * validated (every value fits the format).
 *
 * <p>Not part of the public API.
 */
public final class HalfKernels {
    private HalfKernels() {}

    /** Rounds n floats to nearest even into {@code out}; -1, or the index of the first value that does not fit. */
    public static long round(FloatPointer in, ShortPointer out, long n, int format) {
        NativeCalls.enter();
        return HopfieldNative.round_to_half(in, out, n, format);
    }

    /** Widens n half values to float32 (exact). */
    public static void widen(ShortPointer in, FloatPointer out, long n, int format) {
        NativeCalls.enter();
        HopfieldNative.widen_half(in, out, n, format);
    }
}
