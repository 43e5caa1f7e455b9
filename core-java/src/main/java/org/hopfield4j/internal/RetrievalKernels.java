package org.hopfield4j.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * The native retrieval and matrix-product entry points, each call counted by {@link NativeCalls}.
 * Arguments are already validated; see {@code hopfield4j_retrieval.h} for their meaning.
 *
 * <p>Not part of the public API.
 */
public final class RetrievalKernels {
    public static final int SIM_DOT = HopfieldNative.SIM_DOT;
    public static final int SIM_KERNEL = HopfieldNative.SIM_KERNEL;
    public static final int SIM_NEG_L2 = HopfieldNative.SIM_NEG_L2;
    public static final int SIM_NEG_L1 = HopfieldNative.SIM_NEG_L1;
    public static final int MAP_SOFTMAX = HopfieldNative.MAP_SOFTMAX;
    public static final int MAP_SPARSEMAX = HopfieldNative.MAP_SPARSEMAX;
    public static final int MAP_ENTMAX15 = HopfieldNative.MAP_ENTMAX15;
    public static final int MAP_ENTMAX = HopfieldNative.MAP_ENTMAX;
    public static final int MAP_POLY = HopfieldNative.MAP_POLY;

    private RetrievalKernels() {}

    /** One call of {@code retrieve_f32}; returns 0, or the weight capacity needed. */
    public static long retrieve(FloatPointer memories, long M, long d, FloatPointer keys, FloatPointer w, long D,
                                float[] queries, long B, float[] out, int similarity, int map, double beta,
                                double alpha, double polyN, int maxSteps, double eps, long block, int[] steps,
                                double[] energyBefore, double[] energyAfter, long[] weightOffsets,
                                int[] weightIndices, float[] weightValues, long weightCapacity) {
        NativeCalls.enter();
        return HopfieldNative.retrieve_f32(memories, M, d, keys, w, D, queries, B, out, similarity, map, beta,
                alpha, polyN, maxSteps, eps, block, steps, energyBefore, energyAfter, weightOffsets,
                weightIndices, weightValues, weightCapacity);
    }

    /** One call of {@code retrieve_f64}; returns 0, or the weight capacity needed. */
    public static long retrieve(DoublePointer memories, long M, long d, DoublePointer keys, DoublePointer w, long D,
                                double[] queries, long B, double[] out, int similarity, int map, double beta,
                                double alpha, double polyN, int maxSteps, double eps, long block, int[] steps,
                                double[] energyBefore, double[] energyAfter, long[] weightOffsets,
                                int[] weightIndices, double[] weightValues, long weightCapacity) {
        NativeCalls.enter();
        return HopfieldNative.retrieve_f64(memories, M, d, keys, w, D, queries, B, out, similarity, map, beta,
                alpha, polyN, maxSteps, eps, block, steps, energyBefore, energyAfter, weightOffsets,
                weightIndices, weightValues, weightCapacity);
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
