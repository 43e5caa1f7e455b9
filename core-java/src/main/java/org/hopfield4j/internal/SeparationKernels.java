package org.hopfield4j.internal;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.hopfield4j.MapKind;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.SeparationCall;

/**
 * The native separation entry points: the map goes across as its registry code
 * ({@link MapKind#nativeCode()}) in a {@link SeparationCall}, and the native dispatch table picks
 * the kernel. Arguments are already validated; {@code alpha} holds one α (every map, the fixed ones
 * included) or one per row.
 *
 * <p>Not part of the public API.
 */
public final class SeparationKernels {
    private SeparationKernels() {}

    /** The call struct; the caller closes it (frees its native memory) right after the call. */
    private static SeparationCall call(MapKind kind, int rows, int n, double beta, double[] alpha) {
        if (!kind.isSeparation()) {
            throw new IllegalArgumentException(kind.label() + " is a retrieval map, not a separation map");
        }
        NativeCalls.enter();
        return new SeparationCall().map(kind.nativeCode()).rows(rows).n(n).scale(beta).alphaCount(alpha.length);
    }

    public static void forward(MapKind kind, float[] z, boolean[] mask, float[] p, int[] support,
                               int rows, int n, double beta, double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separate_f32(c, z, mask, p, support, alpha);
        }
    }

    public static void forward(MapKind kind, double[] z, boolean[] mask, double[] p, int[] support,
                               int rows, int n, double beta, double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separate_f64(c, z, mask, p, support, alpha);
        }
    }

    public static void forward(MapKind kind, FloatBuffer z, ByteBuffer mask, FloatBuffer p, IntBuffer support,
                               int rows, int n, double beta, double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separate_f32(c, z, mask, p, support, alpha);
        }
    }

    public static void forward(MapKind kind, DoubleBuffer z, ByteBuffer mask, DoubleBuffer p, IntBuffer support,
                               int rows, int n, double beta, double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separate_f64(c, z, mask, p, support, alpha);
        }
    }

    public static void backward(MapKind kind, float[] p, float[] g, float[] dz, int rows, int n, double beta,
                                double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separation_backward_f32(c, p, g, dz, alpha);
        }
    }

    public static void backward(MapKind kind, double[] p, double[] g, double[] dz, int rows, int n, double beta,
                                double[] alpha) {
        try (SeparationCall c = call(kind, rows, n, beta, alpha)) {
            HopfieldNative.separation_backward_f64(c, p, g, dz, alpha);
        }
    }
}
