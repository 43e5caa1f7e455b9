package org.hopfield4j.nativelib;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Raw JNI binding of the C++ kernels declared in {@code hopfield4j.h}, {@code hopfield4j_retrieval.h}
 * and {@code hopfield4j_uhop.h}.
 *
 * <p><b>Not a public API.</b> Nothing here checks its arguments: a wrong length or a null where
 * the kernel reads memory crashes the JVM. Use {@code org.hopfield4j.Separation} and the other
 * classes of hopfield4j-core, which validate every argument before calling in here.
 *
 * <p>The same kernel is bound three times: for Java arrays (pinned, not copied), direct NIO
 * buffers and JavaCPP pointers. Layout and semantics are documented in {@code hopfield4j.h}.
 */
@Platform(compiler = "cpp17", include = {"hopfield4j.h", "hopfield4j_retrieval.h", "hopfield4j_uhop.h"}, link = "openblas")
@Namespace("h4j")
public final class HopfieldNative {
    static {
        // Our library links libopenblas.so.0 by its soname; loading the OpenBLAS preset first
        // extracts that library from the org.bytedeco:openblas jar and loads it into the process.
        Loader.load(openblas_nolapack.class);
        Loader.load();
    }

    private HopfieldNative() {}

    /** Forces the native library to load (idempotent); throws {@link UnsatisfiedLinkError} if it cannot. */
    public static void load() {
        // the static initialiser did the work
    }

    // ---- threading ----
    public static native void set_num_threads(int threads);
    public static native int get_num_threads();
    public static native void set_blas_num_threads(int threads);
    public static native int get_blas_num_threads();

    // ---- Java arrays (pinned with GetPrimitiveArrayCritical: no copy) ----
    @CriticalRegion public static native void softmax_f32(@Const float[] z, @Cast("const unsigned char*") boolean[] mask, float[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void softmax_f64(@Const double[] z, @Cast("const unsigned char*") boolean[] mask, double[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void sparsemax_f32(@Const float[] z, @Cast("const unsigned char*") boolean[] mask, float[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void sparsemax_f64(@Const double[] z, @Cast("const unsigned char*") boolean[] mask, double[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void entmax15_f32(@Const float[] z, @Cast("const unsigned char*") boolean[] mask, float[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void entmax15_f64(@Const double[] z, @Cast("const unsigned char*") boolean[] mask, double[] p, int[] support, long rows, long n, double scale);
    @CriticalRegion public static native void entmax_f32(@Const float[] z, @Cast("const unsigned char*") boolean[] mask, float[] p, int[] support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    @CriticalRegion public static native void entmax_f64(@Const double[] z, @Cast("const unsigned char*") boolean[] mask, double[] p, int[] support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    @CriticalRegion public static native void softmax_backward_f32(@Const float[] p, @Const float[] g, float[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void softmax_backward_f64(@Const double[] p, @Const double[] g, double[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void sparsemax_backward_f32(@Const float[] p, @Const float[] g, float[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void sparsemax_backward_f64(@Const double[] p, @Const double[] g, double[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void entmax15_backward_f32(@Const float[] p, @Const float[] g, float[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void entmax15_backward_f64(@Const double[] p, @Const double[] g, double[] dz, long rows, long n, double scale);
    @CriticalRegion public static native void entmax_backward_f32(@Const float[] p, @Const float[] g, float[] dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    @CriticalRegion public static native void entmax_backward_f64(@Const double[] p, @Const double[] g, double[] dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);

    // ---- direct NIO buffers (no copy) ----
    public static native void softmax_f32(@Const FloatBuffer z, @Cast("const unsigned char*") ByteBuffer mask, FloatBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void softmax_f64(@Const DoubleBuffer z, @Cast("const unsigned char*") ByteBuffer mask, DoubleBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void sparsemax_f32(@Const FloatBuffer z, @Cast("const unsigned char*") ByteBuffer mask, FloatBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void sparsemax_f64(@Const DoubleBuffer z, @Cast("const unsigned char*") ByteBuffer mask, DoubleBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void entmax15_f32(@Const FloatBuffer z, @Cast("const unsigned char*") ByteBuffer mask, FloatBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void entmax15_f64(@Const DoubleBuffer z, @Cast("const unsigned char*") ByteBuffer mask, DoubleBuffer p, IntBuffer support, long rows, long n, double scale);
    public static native void entmax_f32(@Const FloatBuffer z, @Cast("const unsigned char*") ByteBuffer mask, FloatBuffer p, IntBuffer support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void entmax_f64(@Const DoubleBuffer z, @Cast("const unsigned char*") ByteBuffer mask, DoubleBuffer p, IntBuffer support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void softmax_backward_f32(@Const FloatBuffer p, @Const FloatBuffer g, FloatBuffer dz, long rows, long n, double scale);
    public static native void softmax_backward_f64(@Const DoubleBuffer p, @Const DoubleBuffer g, DoubleBuffer dz, long rows, long n, double scale);
    public static native void sparsemax_backward_f32(@Const FloatBuffer p, @Const FloatBuffer g, FloatBuffer dz, long rows, long n, double scale);
    public static native void sparsemax_backward_f64(@Const DoubleBuffer p, @Const DoubleBuffer g, DoubleBuffer dz, long rows, long n, double scale);
    public static native void entmax15_backward_f32(@Const FloatBuffer p, @Const FloatBuffer g, FloatBuffer dz, long rows, long n, double scale);
    public static native void entmax15_backward_f64(@Const DoubleBuffer p, @Const DoubleBuffer g, DoubleBuffer dz, long rows, long n, double scale);
    public static native void entmax_backward_f32(@Const FloatBuffer p, @Const FloatBuffer g, FloatBuffer dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void entmax_backward_f64(@Const DoubleBuffer p, @Const DoubleBuffer g, DoubleBuffer dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);

    // ---- JavaCPP pointers to native memory ----
    public static native void softmax_f32(@Const FloatPointer z, @Cast("const unsigned char*") BytePointer mask, FloatPointer p, IntPointer support, long rows, long n, double scale);
    public static native void softmax_f64(@Const DoublePointer z, @Cast("const unsigned char*") BytePointer mask, DoublePointer p, IntPointer support, long rows, long n, double scale);
    public static native void sparsemax_f32(@Const FloatPointer z, @Cast("const unsigned char*") BytePointer mask, FloatPointer p, IntPointer support, long rows, long n, double scale);
    public static native void sparsemax_f64(@Const DoublePointer z, @Cast("const unsigned char*") BytePointer mask, DoublePointer p, IntPointer support, long rows, long n, double scale);
    public static native void entmax15_f32(@Const FloatPointer z, @Cast("const unsigned char*") BytePointer mask, FloatPointer p, IntPointer support, long rows, long n, double scale);
    public static native void entmax15_f64(@Const DoublePointer z, @Cast("const unsigned char*") BytePointer mask, DoublePointer p, IntPointer support, long rows, long n, double scale);
    public static native void entmax_f32(@Const FloatPointer z, @Cast("const unsigned char*") BytePointer mask, FloatPointer p, IntPointer support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void entmax_f64(@Const DoublePointer z, @Cast("const unsigned char*") BytePointer mask, DoublePointer p, IntPointer support, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void softmax_backward_f32(@Const FloatPointer p, @Const FloatPointer g, FloatPointer dz, long rows, long n, double scale);
    public static native void softmax_backward_f64(@Const DoublePointer p, @Const DoublePointer g, DoublePointer dz, long rows, long n, double scale);
    public static native void sparsemax_backward_f32(@Const FloatPointer p, @Const FloatPointer g, FloatPointer dz, long rows, long n, double scale);
    public static native void sparsemax_backward_f64(@Const DoublePointer p, @Const DoublePointer g, DoublePointer dz, long rows, long n, double scale);
    public static native void entmax15_backward_f32(@Const FloatPointer p, @Const FloatPointer g, FloatPointer dz, long rows, long n, double scale);
    public static native void entmax15_backward_f64(@Const DoublePointer p, @Const DoublePointer g, DoublePointer dz, long rows, long n, double scale);
    public static native void entmax_backward_f32(@Const FloatPointer p, @Const FloatPointer g, FloatPointer dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);
    public static native void entmax_backward_f64(@Const DoublePointer p, @Const DoublePointer g, DoublePointer dz, long rows, long n, double scale, @Const double[] alpha, long alphaCount);

    // ---- retrieval (hopfield4j_retrieval.h): the store lives in native memory, queries in Java arrays ----
    public static final int SIM_DOT = 0, SIM_KERNEL = 1, SIM_NEG_L2 = 2, SIM_NEG_L1 = 3;
    public static final int MAP_SOFTMAX = 0, MAP_SPARSEMAX = 1, MAP_ENTMAX15 = 2, MAP_ENTMAX = 3, MAP_POLY = 4;

    public static native long retrieve_f32(@Const FloatPointer memories, long M, long d, @Const FloatPointer keys,
            @Const FloatPointer W, long D, @Const float[] queries, long B, float[] out,
            int similarity, int map, double beta, double alpha, double polyN,
            int maxSteps, double eps, long block, int[] steps,
            double[] energyBefore, double[] energyAfter,
            @Cast("long long*") long[] weightOffsets, int[] weightIndices, float[] weightValues, long weightCapacity);

    public static native long retrieve_f64(@Const DoublePointer memories, long M, long d, @Const DoublePointer keys,
            @Const DoublePointer W, long D, @Const double[] queries, long B, double[] out,
            int similarity, int map, double beta, double alpha, double polyN,
            int maxSteps, double eps, long block, int[] steps,
            double[] energyBefore, double[] energyAfter,
            @Cast("long long*") long[] weightOffsets, int[] weightIndices, double[] weightValues, long weightCapacity);

    public static native void gemm_abt_f32(@Const FloatPointer A, @Const FloatPointer B, FloatPointer C, long m, long n, long k);
    public static native void gemm_abt_f64(@Const DoublePointer A, @Const DoublePointer B, DoublePointer C, long m, long n, long k);

    // ---- U-Hop stage I (hopfield4j_uhop.h): W, its gradient and the memories in native memory ----
    public static final int LOSS_AVG = 0, LOSS_MAX = 1, LOSS_DL = 2;

    public static native double separation_loss_f32(@Const FloatPointer W, long D, long d, @Const FloatPointer memories, long M,
            int loss, double t, int normalize, FloatPointer gradW, double[] minDist2);
    public static native double separation_loss_f64(@Const DoublePointer W, long D, long d, @Const DoublePointer memories, long M,
            int loss, double t, int normalize, DoublePointer gradW, double[] minDist2);
}
