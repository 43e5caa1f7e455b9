package org.hopfield4j.nn;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.hopfield4j.Precision;
import org.hopfield4j.internal.NativeCalls;

/**
 * The matrix products of the layers, computed natively by OpenBLAS (row-major): {@code cblas_dgemm} in
 * float64, {@code cblas_sgemm} on the operands rounded to float32 in float32 (the layers keep float64
 * activations and parameters: docs/java-api.md#layer-precision). The operands are copied into native scratch memory
 * that each thread keeps and grows: handing the Java arrays to JavaCPP directly would copy every array
 * in and out again and allocate (and page-fault) fresh native memory on each call, which cost as much
 * as the products at the layers' sizes. The entry points are {@code openblas_nolapack}'s: the command
 * line's jar ships only that part of OpenBLAS (samples/pom.xml), and {@code openblas}'s class is not in
 * it. Arguments are already validated by the layer that calls. Not part of the API.
 */
final class Matrices {
    static {
        NativeCalls.count(); // loads hopfield4j's native library first, so both share one OpenBLAS
    }

    /**
     * One thread's operand memory: A, B, C in each precision, reused across calls, grown when a product
     * needs more. The float32 blocks are filled and read through direct buffers in one pass: a Java
     * staging array would add a pass over every operand, and the layers' operands do not fit in cache.
     */
    private static final class Scratch {
        final DoublePointer[] doubles = new DoublePointer[3];
        final FloatPointer[] floats = new FloatPointer[3];
        final FloatBuffer[] floatViews = new FloatBuffer[3];

        DoublePointer doubles(int i, long size) {
            if (doubles[i] == null || doubles[i].capacity() < size) {
                if (doubles[i] != null) doubles[i].close();
                doubles[i] = new DoublePointer(Math.max(size, 1024));
            }
            return doubles[i];
        }

        FloatPointer floats(int i, long size) {
            if (floats[i] == null || floats[i].capacity() < size) {
                if (floats[i] != null) floats[i].close();
                floats[i] = new FloatPointer(Math.max(size, 1024));
                floatViews[i] = floats[i].asBuffer();
            }
            return floats[i];
        }

        /** x[0, n) rounded to float32 in native block i. */
        FloatPointer rounded(int i, double[] x, int n) {
            FloatPointer p = floats(i, n);
            FloatBuffer view = floatViews[i];
            for (int j = 0; j < n; j++) view.put(j, (float) x[j]);
            return p;
        }

        /** out[0, n) = c · out + the first n floats of block i, in double. */
        void widen(int i, double c, double[] out, int n) {
            FloatBuffer view = floatViews[i];
            if (c == 0) {
                for (int j = 0; j < n; j++) out[j] = view.get(j);
            } else {
                for (int j = 0; j < n; j++) out[j] = c * out[j] + view.get(j);
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Matrices() {}

    /**
     * C (m × n) = A·B + c·C where A is (m × k), or its transpose when {@code ta}; likewise B (k × n). In
     * float32 A·B is an sgemm of the rounded operands, widened and added to c·C in double, so that
     * gradients accumulated over many products keep their float64 master copy.
     */
    static void gemm(Precision precision, boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double c,
                     double[] out) {
        gemm(precision, ta, tb, m, n, k, a, false, b, c, out);
    }

    /** As above; {@code aRounded}: float32 scratch block 0 still holds A from the previous product (one pass fewer). */
    private static void gemm(Precision precision, boolean ta, boolean tb, int m, int n, int k, double[] a,
                             boolean aRounded, double[] b, double c, double[] out) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (c == 0) java.util.Arrays.fill(out, 0, m * n, 0.0);
            return;
        }
        Scratch scratch = SCRATCH.get();
        int lda = ta ? m : k, ldb = tb ? k : n, transA = ta ? CblasTrans : CblasNoTrans, transB = tb ? CblasTrans : CblasNoTrans;
        if (precision == Precision.FLOAT32) {
            FloatPointer pa = aRounded ? scratch.floats[0] : scratch.rounded(0, a, m * k);
            FloatPointer pb = scratch.rounded(1, b, k * n);
            FloatPointer pc = scratch.floats(2, (long) m * n);
            NativeCalls.enter();
            openblas_nolapack.cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, 1.0f, pa, lda, pb, ldb, 0.0f, pc, n);
            scratch.widen(2, c, out, m * n);
            return;
        }
        DoublePointer pa = scratch.doubles(0, (long) m * k).put(a, 0, m * k);
        DoublePointer pb = scratch.doubles(1, (long) k * n).put(b, 0, k * n);
        DoublePointer pc = scratch.doubles(2, (long) m * n);
        if (c != 0) pc.put(out, 0, m * n);
        NativeCalls.enter();
        openblas_nolapack.cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, 1.0, pa, lda, pb, ldb, c, pc, n);
        pc.get(out, 0, m * n);
    }

    /** Y (rows × out) = X (rows × in) · Wᵀ, W (out × in), plus the bias b (out) on every row if not null. */
    static double[] linear(Precision precision, double[] x, int rows, int in, double[] w, double[] b, int out) {
        double[] y = new double[rows * out];
        if (b != null) {
            for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y, r * out, out);
        }
        gemm(precision, false, true, rows, out, in, x, w, b != null ? 1.0 : 0.0, y);
        return y;
    }

    /**
     * The backward of {@link #linear}: adds dYᵀ·X to dW and the column sums of dY to dB (if not null),
     * and returns dX = dY·W (or null if {@code needInput} is false). In float32 dY is rounded once for both.
     */
    static double[] linearBackward(Precision precision, double[] dy, double[] x, int rows, int in, double[] w,
                                   double[] dw, double[] db, int out, boolean needInput) {
        gemm(precision, true, false, out, in, rows, dy, x, 1.0, dw);
        if (db != null) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) db[j] += dy[r * out + j];
            }
        }
        if (!needInput) return null;
        double[] dx = new double[rows * in];
        gemm(precision, false, false, rows, in, out, dy, precision == Precision.FLOAT32 && rows > 0 && in > 0 && out > 0, w,
                0.0, dx);
        return dx;
    }
}
