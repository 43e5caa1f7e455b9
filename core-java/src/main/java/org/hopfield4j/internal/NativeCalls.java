package org.hopfield4j.internal;

import java.util.concurrent.atomic.LongAdder;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * The one door to the JNI library: every public class reaches native code through here, after
 * validating its arguments. The counter lets tests prove that rejected calls never got this far.
 *
 * <p>Not part of the public API.
 */
public final class NativeCalls {
    private static final LongAdder CALLS = new LongAdder();

    static {
        HopfieldNative.load();
    }

    private NativeCalls() {}

    /** Records one native call; call immediately before entering native code. */
    public static void enter() {
        CALLS.increment();
    }

    /** How many native calls this JVM has made through the validated API. */
    public static long count() {
        return CALLS.sum();
    }
}
