package org.hopfield4j.nativelib;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Raw JNI binding of the C++ kernels declared in {@code hopfield4j.h}, {@code hopfield4j_retrieval.h},
 * {@code hopfield4j_uhop.h}, {@code hopfield4j_nn.h} and {@code hopfield4j_mapping.h}.
 *
 * <p><b>Not a public API.</b> Nothing here checks its arguments: a wrong length or a null where
 * the kernel reads memory crashes the JVM. Use {@code org.hopfield4j.Separation} and the other
 * classes of hopfield4j-core, which validate every argument before calling in here.
 *
 * <p>One binding per use: Java arrays (pinned, not copied) for the separation maps, plus direct NIO
 * buffers for their forward direction; the store, kernel keys and U-Hop matrices as JavaCPP pointers.
 * The settings of a call cross as a C struct ({@link SeparationCall}, {@link RetrievalCall},
 * {@link SeparationLossCall}, {@link AssociationCall}, {@link RetrievalGradientCall}, {@link FenchelYoungCall}),
 * so no entry point takes more than 8 parameters. The integer codes of
 * the maps and similarities are those of {@code hopfield4j_kinds.h}: {@code org.hopfield4j.MapKind}
 * and {@code Similarity.Kind} hold them. Layout and semantics are documented in the headers.
 */
@Platform(compiler = "cpp17", include = {"hopfield4j_kinds.h", "hopfield4j.h", "hopfield4j_retrieval.h", "hopfield4j_uhop.h", "hopfield4j_nn.h", "hopfield4j_mapping.h", "hopfield4j_half.h"}, link = "openblas")
@Namespace("h4j")
public final class HopfieldNative {
    static {
        // Our library links libopenblas.so.0 by its soname; loading the OpenBLAS preset first
        // extracts that library from the org.bytedeco:openblas jar and loads it into the process.
        // PlatformLibrary turns a missing classifier jar into an error that names it.
        PlatformLibrary.load(() -> {
            Loader.load(openblas_nolapack.class);
            Loader.load();
        }, Loader.getPlatform(), HopfieldNative.class.getClassLoader());
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

    // ---- separation maps (hopfield4j.h): one entry per direction, the map chosen by SeparationCall.map ----

    /** {@code h4j::SeparationCall}: the map (a {@code MapKind} of hopfield4j_kinds.h), batch shape, scale, alpha count. */
    public static class SeparationCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public SeparationCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int map(); public native SeparationCall map(int map);
        @Cast("long long") public native long rows(); public native SeparationCall rows(long rows);
        @Cast("long long") public native long n(); public native SeparationCall n(long n);
        public native double scale(); public native SeparationCall scale(double scale);
        @Cast("long long") public native long alphaCount(); public native SeparationCall alphaCount(long count);
    }

    // Java arrays, pinned with GetPrimitiveArrayCritical (no copy).
    @CriticalRegion public static native void separate_f32(@Const SeparationCall call, @Const float[] z, @Cast("const unsigned char*") boolean[] mask, float[] p, int[] support, @Const double[] alpha);
    @CriticalRegion public static native void separate_f64(@Const SeparationCall call, @Const double[] z, @Cast("const unsigned char*") boolean[] mask, double[] p, int[] support, @Const double[] alpha);
    @CriticalRegion public static native void separation_backward_f32(@Const SeparationCall call, @Const float[] p, @Const float[] g, float[] dz, @Const double[] alpha);
    @CriticalRegion public static native void separation_backward_f64(@Const SeparationCall call, @Const double[] p, @Const double[] g, double[] dz, @Const double[] alpha);
    // Direct NIO buffers (no copy).
    public static native void separate_f32(@Const SeparationCall call, @Const FloatBuffer z, @Cast("const unsigned char*") ByteBuffer mask, FloatBuffer p, IntBuffer support, @Const double[] alpha);
    public static native void separate_f64(@Const SeparationCall call, @Const DoubleBuffer z, @Cast("const unsigned char*") ByteBuffer mask, DoubleBuffer p, IntBuffer support, @Const double[] alpha);

    // ---- retrieval (hopfield4j_retrieval.h): the store lives in native memory, queries in Java arrays ----

    /** {@code h4j::RetrievalCall}: the store pointers, shapes and every setting of one retrieval call. */
    public static class RetrievalCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public RetrievalCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        @Cast("const void*") public native Pointer memories(); public native RetrievalCall memories(@Cast("const void*") Pointer p);
        @Cast("const void*") public native Pointer keys(); public native RetrievalCall keys(@Cast("const void*") Pointer p);
        @Cast("const void*") public native Pointer W(); public native RetrievalCall W(@Cast("const void*") Pointer p);
        @Cast("long long") public native long M(); public native RetrievalCall M(long M);
        @Cast("long long") public native long d(); public native RetrievalCall d(long d);
        @Cast("long long") public native long D(); public native RetrievalCall D(long D);
        @Cast("long long") public native long B(); public native RetrievalCall B(long B);
        public native int similarity(); public native RetrievalCall similarity(int similarity);
        public native int map(); public native RetrievalCall map(int map);
        public native double beta(); public native RetrievalCall beta(double beta);
        public native double alpha(); public native RetrievalCall alpha(double alpha);
        public native double polyN(); public native RetrievalCall polyN(double polyN);
        public native int maxSteps(); public native RetrievalCall maxSteps(int maxSteps);
        public native double eps(); public native RetrievalCall eps(double eps);
        @Cast("long long") public native long scoreBlock(); public native RetrievalCall scoreBlock(long scoreBlock);
        @Cast("long long") public native long weightCapacity(); public native RetrievalCall weightCapacity(long capacity);
        public native int path(); public native RetrievalCall path(int path);
        public native int storage(); public native RetrievalCall storage(int storage);
    }

    public static native long retrieve_f32(@Const RetrievalCall call, @Const float[] queries, float[] out, int[] steps,
            double[] energies, @Cast("long long*") long[] weightOffsets, int[] weightIndices, float[] weightValues);
    public static native long retrieve_f64(@Const RetrievalCall call, @Const double[] queries, double[] out, int[] steps,
            double[] energies, @Cast("long long*") long[] weightOffsets, int[] weightIndices, double[] weightValues);

    public static native int retrieval_path_f32(@Const RetrievalCall call, int recordWeights);
    public static native int retrieval_path_f64(@Const RetrievalCall call, int recordWeights);

    public static native void gemm_abt_f32(@Const FloatPointer A, @Const FloatPointer B, FloatPointer C, long m, long n, long k);
    public static native void gemm_abt_f64(@Const DoublePointer A, @Const DoublePointer B, DoublePointer C, long m, long n, long k);

    // ---- half-precision stores (hopfield4j_half.h): float32 <-> float16 / bfloat16 ----
    public static final int HALF_FLOAT16 = 1, HALF_BFLOAT16 = 2;

    public static native long round_to_half(@Const FloatPointer in, @Cast("unsigned short*") ShortPointer out, long n, int format);
    public static native void widen_half(@Cast("const unsigned short*") ShortPointer in, FloatPointer out, long n, int format);

    // ---- file mapping (hopfield4j_mapping.h): the native memory of a memory-mapped store ----
    @Cast("const void*") public static native Pointer map_file_readonly(String path, long offset, long length, int[] error);
    public static native int unmap_file(@Cast("const void*") Pointer data, long offset, long length);

    // ---- U-Hop stage I (hopfield4j_uhop.h): W, its gradient and the memories in native memory ----
    public static final int LOSS_AVG = 0, LOSS_MAX = 1, LOSS_DL = 2;

    /** {@code h4j::SeparationLossCall}: the shapes, the loss, t and normalize of one loss call. */
    public static class SeparationLossCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public SeparationLossCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        @Cast("long long") public native long D(); public native SeparationLossCall D(long D);
        @Cast("long long") public native long d(); public native SeparationLossCall d(long d);
        @Cast("long long") public native long M(); public native SeparationLossCall M(long M);
        public native int loss(); public native SeparationLossCall loss(int loss);
        public native double t(); public native SeparationLossCall t(double t);
        public native int normalize(); public native SeparationLossCall normalize(int normalize);
    }

    public static native double separation_loss_f32(@Const SeparationLossCall call, @Const FloatPointer W,
            @Const FloatPointer memories, FloatPointer gradW, double[] minDist2);
    public static native double separation_loss_f64(@Const SeparationLossCall call, @Const DoublePointer W,
            @Const DoublePointer memories, DoublePointer gradW, double[] minDist2);

    // ---- differentiable kernels (hopfield4j_nn.h): Java arrays, pinned; inputs and outputs packed ----

    /** {@code h4j::AssociationCall}: map, batch shape, how many betas and alphas, dropout scale, whether dalpha is wanted. */
    public static class AssociationCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public AssociationCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int map(); public native AssociationCall map(int map);
        @Cast("long long") public native long problems(); public native AssociationCall problems(long problems);
        @Cast("long long") public native long Nq(); public native AssociationCall Nq(long Nq);
        @Cast("long long") public native long Nk(); public native AssociationCall Nk(long Nk);
        @Cast("long long") public native long dk(); public native AssociationCall dk(long dk);
        @Cast("long long") public native long dv(); public native AssociationCall dv(long dv);
        @Cast("long long") public native long betaCount(); public native AssociationCall betaCount(long count);
        @Cast("long long") public native long alphaCount(); public native AssociationCall alphaCount(long count);
        public native double dropScale(); public native AssociationCall dropScale(double scale);
        public native int alphaGradient(); public native AssociationCall alphaGradient(int wanted);
    }

    @CriticalRegion public static native int association_forward_f32(@Const AssociationCall call, @Const float[] qkv, @Cast("const unsigned char*") boolean[] mask, @Cast("const unsigned char*") boolean[] keep, float[] out, float[] ps, @Const double[] scalars);
    @CriticalRegion public static native int association_forward_f64(@Const AssociationCall call, @Const double[] qkv, @Cast("const unsigned char*") boolean[] mask, @Cast("const unsigned char*") boolean[] keep, double[] out, double[] ps, @Const double[] scalars);
    @CriticalRegion public static native int association_backward_f32(@Const AssociationCall call, @Const float[] qkv, @Const float[] ps, @Const float[] dOut, @Cast("const unsigned char*") boolean[] keep, float[] grads, double[] dScalars, @Const double[] scalars);
    @CriticalRegion public static native int association_backward_f64(@Const AssociationCall call, @Const double[] qkv, @Const double[] ps, @Const double[] dOut, @Cast("const unsigned char*") boolean[] keep, double[] grads, double[] dScalars, @Const double[] scalars);

    /** {@code h4j::RetrievalGradientCall}: map, similarity, shapes, steps, whether values are separate, alpha count and gradient. */
    public static class RetrievalGradientCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public RetrievalGradientCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int map(); public native RetrievalGradientCall map(int map);
        public native int similarity(); public native RetrievalGradientCall similarity(int similarity);
        @Cast("long long") public native long B(); public native RetrievalGradientCall B(long B);
        @Cast("long long") public native long M(); public native RetrievalGradientCall M(long M);
        @Cast("long long") public native long d(); public native RetrievalGradientCall d(long d);
        @Cast("long long") public native long dv(); public native RetrievalGradientCall dv(long dv);
        @Cast("long long") public native long D(); public native RetrievalGradientCall D(long D);
        public native int steps(); public native RetrievalGradientCall steps(int steps);
        public native int separateValues(); public native RetrievalGradientCall separateValues(int separate);
        @Cast("long long") public native long alphaCount(); public native RetrievalGradientCall alphaCount(long count);
        public native int alphaGradient(); public native RetrievalGradientCall alphaGradient(int wanted);
    }

    @CriticalRegion public static native int retrieval_gradient_f32(@Const RetrievalGradientCall call, @Const float[] inputs, @Cast("const unsigned char*") boolean[] mask, @Const float[] upstream, float[] states, float[] grads, double[] dScalars, @Const double[] scalars);
    @CriticalRegion public static native int retrieval_gradient_f64(@Const RetrievalGradientCall call, @Const double[] inputs, @Cast("const unsigned char*") boolean[] mask, @Const double[] upstream, double[] states, double[] grads, double[] dScalars, @Const double[] scalars);

    /** {@code h4j::FenchelYoungCall}: map, batch shape, alpha count, ignore index. */
    public static class FenchelYoungCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public FenchelYoungCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int map(); public native FenchelYoungCall map(int map);
        @Cast("long long") public native long rows(); public native FenchelYoungCall rows(long rows);
        @Cast("long long") public native long n(); public native FenchelYoungCall n(long n);
        @Cast("long long") public native long alphaCount(); public native FenchelYoungCall alphaCount(long count);
        public native int ignoreIndex(); public native FenchelYoungCall ignoreIndex(int index);
    }

    @CriticalRegion public static native int fenchel_young_f32(@Const FenchelYoungCall call, @Const float[] z, @Const int[] target, double[] loss, float[] grad, @Const double[] alpha);
    @CriticalRegion public static native int fenchel_young_f64(@Const FenchelYoungCall call, @Const double[] z, @Const int[] target, double[] loss, double[] grad, @Const double[] alpha);

    // ---- the float32 layers' activation path (hopfield4j_nn.h: layer_norm.hpp, batched_gemm.hpp) ----

    /** {@code h4j::LayerNormCall}: rows, width, eps. */
    public static class LayerNormCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public LayerNormCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        @Cast("long long") public native long rows(); public native LayerNormCall rows(long rows);
        @Cast("long long") public native long width(); public native LayerNormCall width(long width);
        public native double eps(); public native LayerNormCall eps(double eps);
    }

    @CriticalRegion public static native void layer_norm_forward_f32(@Const LayerNormCall call, @Const float[] x, @Const double[] gain, @Const double[] bias, float[] y, double[] stats);
    @CriticalRegion public static native void layer_norm_backward_f32(@Const LayerNormCall call, @Const float[] x, @Const float[] dy, @Const double[] gain, @Const double[] stats, float[] dx, double[] dGain, double[] dBias);

    /** {@code h4j::BatchedGemmCall}: transposes, m, n, k, leading dimensions, offsets, strides, count, alpha, beta. */
    public static class BatchedGemmCall extends Pointer {
        static {
            load();  // OpenBLAS first, then our library (the outer class's initialiser)
            Loader.load();
        }

        public BatchedGemmCall() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int transA(); public native BatchedGemmCall transA(int transA);
        public native int transB(); public native BatchedGemmCall transB(int transB);
        @Cast("long long") public native long m(); public native BatchedGemmCall m(long m);
        @Cast("long long") public native long n(); public native BatchedGemmCall n(long n);
        @Cast("long long") public native long k(); public native BatchedGemmCall k(long k);
        @Cast("long long") public native long lda(); public native BatchedGemmCall lda(long lda);
        @Cast("long long") public native long ldb(); public native BatchedGemmCall ldb(long ldb);
        @Cast("long long") public native long ldc(); public native BatchedGemmCall ldc(long ldc);
        @Cast("long long") public native long offsetA(); public native BatchedGemmCall offsetA(long offset);
        @Cast("long long") public native long offsetB(); public native BatchedGemmCall offsetB(long offset);
        @Cast("long long") public native long offsetC(); public native BatchedGemmCall offsetC(long offset);
        @Cast("long long") public native long strideA(); public native BatchedGemmCall strideA(long stride);
        @Cast("long long") public native long strideB(); public native BatchedGemmCall strideB(long stride);
        @Cast("long long") public native long strideC(); public native BatchedGemmCall strideC(long stride);
        @Cast("long long") public native long count(); public native BatchedGemmCall count(long count);
        public native double alpha(); public native BatchedGemmCall alpha(double alpha);
        public native double beta(); public native BatchedGemmCall beta(double beta);
    }

    @CriticalRegion public static native void batched_gemm_f32(@Const BatchedGemmCall call, @Const float[] A, @Const float[] B, float[] C);

    @CriticalRegion public static native void round_to_f32(@Const double[] x, float[] y, @Cast("long long") long n);
    @CriticalRegion public static native void widen_to_f64(@Const float[] x, double[] y, @Cast("long long") long n, int accumulate);
    @CriticalRegion public static native double copy_measured_f32(@Const float[] x, float[] y, @Cast("long long") long offset, @Cast("long long") long n);
}
