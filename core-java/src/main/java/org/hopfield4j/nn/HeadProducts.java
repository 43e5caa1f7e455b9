package org.hopfield4j.nn;

import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.nativelib.HopfieldNative;
import org.hopfield4j.nativelib.HopfieldNative.BatchedGemmCall;

/**
 * The float32 layers' projections as native sgemm on Java arrays (pinned, not copied: the batched
 * strided GEMM of {@code hopfield4j_nn.h}), in the two layouts the association needs. A split
 * projection writes one block per head, [head][row][dim], straight from the row-major input; a merge
 * projection reads those blocks and sums the heads' products into row-major rows. So no pass ever
 * reshuffles heads (docs/java-api.md#layer-precision). One head and dim = out is a plain linear map.
 * Weights are row-major (out × in) like {@link Linear}'s; weight gradients are added to float64
 * master gradients. Arguments are consistent by construction (the Hopfield core calls); not part of the API.
 */
final class HeadProducts {
    private HeadProducts() {}

    /** Y_h = X W_hᵀ for each head h: X rows × in, W (heads · dim) × in; Y (heads × rows × dim, overwritten) returned. */
    static float[] split(float[] x, int rows, int in, float[] w, int heads, int dim, float[] y) {
        gemm(new BatchedGemmCall().transB(1).m(rows).n(dim).k(in).lda(in).ldb(in).ldc(dim)
                .strideB((long) dim * in).strideC((long) rows * dim).count(heads), x, w, y);
        return y;
    }

    /**
     * The backward of {@link #split}: adds dW_h = dY_hᵀ X to {@code dw} (through {@code dwBlock}, W's
     * size) and returns dX = Σ_h dY_h W_h in {@code dx} (rows × in, overwritten).
     */
    static float[] splitBackward(float[] dy, float[] x, int rows, int in, float[] w, int heads, int dim, double[] dw,
                                 float[] dwBlock, float[] dx) {
        gemm(new BatchedGemmCall().transA(1).m(dim).n(in).k(rows).lda(dim).ldb(in).ldc(in)
                .strideA((long) rows * dim).strideC((long) dim * in).count(heads), dy, x, dwBlock);
        FloatConversions.addWidened(dw, dwBlock);
        gemm(new BatchedGemmCall().m(rows).n(in).k(dim).lda(dim).ldb(in).ldc(in)
                .strideA((long) rows * dim).strideB((long) dim * in).count(heads), dy, w, dx);
        return dx;
    }

    /** Y = Σ_h O_h W[:, h]ᵀ: O heads × rows × dim, W out × (heads · dim); Y (rows × out, overwritten) returned. */
    static float[] merge(float[] o, int rows, int heads, int dim, float[] w, int out, float[] y) {
        gemm(new BatchedGemmCall().transB(1).m(rows).n(out).k(dim).lda(dim).ldb(heads * dim).ldc(out)
                .strideA((long) rows * dim).strideB(dim).count(heads), o, w, y);
        return y;
    }

    /**
     * The backward of {@link #merge}: adds dW[:, h] = dYᵀ O_h to {@code dw} (through {@code dwBlock}, W's
     * size) and returns dO_h = dY W[:, h] in {@code dOut} (O's shape, overwritten).
     */
    static float[] mergeBackward(float[] dy, float[] o, int rows, int heads, int dim, float[] w, int out, double[] dw,
                                 float[] dwBlock, float[] dOut) {
        gemm(new BatchedGemmCall().transA(1).m(out).n(dim).k(rows).lda(out).ldb(dim).ldc(heads * dim)
                .strideB((long) rows * dim).strideC(dim).count(heads), dy, o, dwBlock);
        FloatConversions.addWidened(dw, dwBlock);
        gemm(new BatchedGemmCall().m(rows).n(dim).k(out).lda(out).ldb(heads * dim).ldc(dim)
                .strideB(dim).strideC((long) rows * dim).count(heads), dy, w, dOut);
        return dOut;
    }

    /** C = A · B in the call's layout (alpha 1, beta 0, zero offsets unless set); closes the call. */
    private static void gemm(BatchedGemmCall call, float[] a, float[] b, float[] c) {
        try (call) {
            call.alpha(1.0).beta(0.0);
            NativeCalls.enter();
            HopfieldNative.batched_gemm_f32(call, a, b, c);
        }
    }
}
