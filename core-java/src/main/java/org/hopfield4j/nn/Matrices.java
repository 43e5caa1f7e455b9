package org.hopfield4j.nn;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.hopfield4j.internal.NativeCalls;

/**
 * The matrix products of the layers, computed natively by OpenBLAS ({@code cblas_dgemm}, row-major).
 * The operands are copied into native scratch memory that each thread keeps and grows: handing the
 * Java arrays to JavaCPP directly would copy every array in and out again and allocate (and
 * page-fault) fresh native memory on each call, which cost as much as the products at the layers'
 * sizes. The binding is {@code openblas_nolapack}, the one HopfieldNative loads and the CLI jar ships
 * (the jar drops the {@code openblas} class and its LAPACK JNI library: calling through it failed there). Arguments are already validated by the layer that calls. Not part of the API.
 */
final class Matrices {
    static {
        NativeCalls.count(); // loads hopfield4j's native library first, so both share one OpenBLAS
    }

    /** One thread's operand memory: A, B, C, reused across calls, grown when a product needs more. */
    private static final class Scratch {
        final DoublePointer[] blocks = new DoublePointer[3];

        DoublePointer get(int i, long size) {
            if (blocks[i] == null || blocks[i].capacity() < size) {
                if (blocks[i] != null) blocks[i].close();
                blocks[i] = new DoublePointer(Math.max(size, 1024));
            }
            return blocks[i];
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Matrices() {}

    /** C (m × n) = A·B + c·C where A is (m × k), or its transpose when {@code ta}; likewise B (k × n). */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double c, double[] out) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (c == 0) java.util.Arrays.fill(out, 0, m * n, 0.0);
            return;
        }
        Scratch scratch = SCRATCH.get();
        DoublePointer pa = scratch.get(0, (long) m * k).put(a, 0, m * k);
        DoublePointer pb = scratch.get(1, (long) k * n).put(b, 0, k * n);
        DoublePointer pc = scratch.get(2, (long) m * n);
        if (c != 0) pc.put(out, 0, m * n);
        NativeCalls.enter();
        openblas_nolapack.cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, pa, ta ? m : k, pb, tb ? k : n, c, pc, n);
        pc.get(out, 0, m * n);
    }

    /** Y (rows × out) = X (rows × in) · Wᵀ, W (out × in), plus the bias b (out) on every row if not null. */
    static double[] linear(double[] x, int rows, int in, double[] w, double[] b, int out) {
        double[] y = new double[rows * out];
        if (b != null) {
            for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y, r * out, out);
        }
        gemm(false, true, rows, out, in, x, w, b != null ? 1.0 : 0.0, y);
        return y;
    }

    /**
     * The backward of {@link #linear}: adds dYᵀ·X to dW and the column sums of dY to dB (if not null),
     * and returns dX = dY·W (or null if {@code needInput} is false).
     */
    static double[] linearBackward(double[] dy, double[] x, int rows, int in, double[] w, double[] dw, double[] db,
                                   int out, boolean needInput) {
        gemm(true, false, out, in, rows, dy, x, 1.0, dw);
        if (db != null) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) db[j] += dy[r * out + j];
            }
        }
        if (!needInput) return null;
        double[] dx = new double[rows * in];
        gemm(false, false, rows, in, out, dy, w, 0.0, dx);
        return dx;
    }
}
