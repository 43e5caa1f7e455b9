package org.hopfield4j.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.RetrievalCall;

/**
 * The native retrieval and matrix-product entry points, each call counted by {@link NativeCalls}.
 * Arguments are already validated; see {@code hopfield4j_retrieval.h} for their meaning.
 *
 * <p>Not part of the public API.
 */
public final class RetrievalKernels {
    private RetrievalKernels() {}

    /** A fresh call struct (native memory: close it after the call); not counted as a kernel call. */
    public static RetrievalCall newCall() {
        return new RetrievalCall();
    }

    /**
     * One call of {@code retrieve_f32}: returns 0, the weight capacity needed, or -1 when the native
     * side could not allocate its working memory. {@code energies} (nullable) receives E(x_0) of the
     * B queries, then E(x_T).
     */
    public static long retrieve(RetrievalCall call, float[] queries, float[] out, int[] steps, double[] energies,
                                long[] weightOffsets, int[] weightIndices, float[] weightValues) {
        NativeCalls.enter();
        return HopfieldNative.retrieve_f32(call, queries, out, steps, energies, weightOffsets, weightIndices,
                weightValues);
    }

    /**
     * The native {@code RetrievalPath} code (BLOCKED 1, FUSED 2, REGISTERS 3) the first step of the call
     * takes: {@code retrieval_path_f32} or {@code _f64}. Not counted as a kernel call (it computes nothing).
     */
    public static int path(RetrievalCall call, boolean float32, boolean recordWeights) {
        return float32 ? HopfieldNative.retrieval_path_f32(call, recordWeights ? 1 : 0)
                : HopfieldNative.retrieval_path_f64(call, recordWeights ? 1 : 0);
    }

    /** As {@link #retrieve(RetrievalCall, float[], float[], int[], double[], long[], int[], float[])}, float64. */
    public static long retrieve(RetrievalCall call, double[] queries, double[] out, int[] steps, double[] energies,
                                long[] weightOffsets, int[] weightIndices, double[] weightValues) {
        NativeCalls.enter();
        return HopfieldNative.retrieve_f64(call, queries, out, steps, energies, weightOffsets, weightIndices,
                weightValues);
    }

    /** C (m × n) = A (m × k) · B (n × k)ᵀ, row-major, float32. */
    public static void gemmAbt(FloatPointer a, FloatPointer b, FloatPointer c, long m, long n, long k) {
        NativeCalls.enter();
        HopfieldNative.gemm_abt_f32(a, b, c, m, n, k);
    }

    /** C (m × n) = A (m × k) · B (n × k)ᵀ, row-major, float64. */
    public static void gemmAbt(DoublePointer a, DoublePointer b, DoublePointer c, long m, long n, long k) {
        NativeCalls.enter();
        HopfieldNative.gemm_abt_f64(a, b, c, m, n, k);
    }
}
