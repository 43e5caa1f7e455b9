package org.hopfield4j;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.HalfKernels;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RetrievalKernels;
import org.hopfield4j.internal.RowNorms;

/**
 * The native memory a kernel retriever owns: the keys A = Ξ WᵀW (M × d) and, when known, W (D × d),
 * both in the precision the store computes in (float32 for a half store: its keys are computed from the
 * widened patterns and held in float32).
 *
 * <p>From W, A is computed as (Ξ Wᵀ) W with two native matrix products per chunk of stored
 * patterns (gemm_abt computes X·Yᵀ: first Ξ_chunk·Wᵀ = gemm_abt(Ξ_chunk, W), then
 * (Ξ_chunk Wᵀ)·W = gemm_abt(Ξ_chunk Wᵀ, Wᵀ) with Wᵀ transposed in Java), so the temporary stays
 * at most {@value #CHUNK_ELEMENTS} elements whatever M is.
 */
final class KernelKeys implements AutoCloseable {
    static final String CLOSED = "retriever is closed";

    /** Elements of the temporary Ξ_chunk Wᵀ. */
    static final int CHUNK_ELEMENTS = 1 << 22;

    final NativeBlock keys;     // M x d
    final NativeBlock w;        // D x d, or null
    final int featureDimension; // D, or 0 without W
    final double maxNorm;       // largest Euclidean norm of a key row

    private KernelKeys(NativeBlock keys, NativeBlock w, int featureDimension, RowNorms norms) {
        this.keys = keys;
        this.w = w;
        this.featureDimension = featureDimension;
        this.maxNorm = norms.maxL2();
    }

    /**
     * The keys of {@code kernel} for {@code store}.
     *
     * @throws IllegalArgumentException if W or A does not have d columns, or A does not have M rows
     */
    static KernelKeys of(MemoryStore store, Similarity kernel) {
        checkShape(store, kernel);
        int M = store.size(), d = store.dimension();
        boolean f32 = store.precision() == Precision.FLOAT32;
        double[] wd = kernel.featureMapShared();
        int D = kernel.featureDimension();
        NativeBlock wBlock = null;
        NativeBlock keys = null;
        try {
            if (wd != null) {
                wBlock = f32 ? NativeBlock.copyOf(narrow("W", wd, d)) : NativeBlock.copyOf(wd);
            }
            RowNorms norms = new RowNorms(d);
            double[] given = kernel.keysShared();
            if (given != null) {
                if (f32) {
                    float[] a = narrow("A", given, d);
                    keys = NativeBlock.copyOf(a);
                    norms.add(a, 0, a.length);
                } else {
                    keys = NativeBlock.copyOf(given);
                    norms.add(given, 0, given.length);
                }
            } else {
                keys = f32 ? NativeBlock.floats((long) M * d) : NativeBlock.doubles((long) M * d);
                compute(store, keys, wBlock, transpose(wd, D, d), D);
                // every key finite (else W is too large), and their norms
                norms = PatternCopy.measure(keys, StoragePrecision.of(store.precision()), (long) M * d, d,
                        "kernel keys A = Xi W^T W (" + (f32 ? "float32" : "float64") + ")");
            }
            return new KernelKeys(keys, wBlock, wd == null ? 0 : D, norms);
        } catch (RuntimeException | Error e) {
            if (keys != null) keys.close();
            if (wBlock != null) wBlock.close();
            throw e;
        }
    }

    private static void checkShape(MemoryStore store, Similarity kernel) {
        int d = store.dimension();
        if (kernel.inputDimension() != d) {
            throw new IllegalArgumentException("kernel " + (kernel.featureMapShared() != null ? "W" : "A")
                    + " has " + kernel.inputDimension() + " columns but the memory store has dimension d = " + d);
        }
        if (kernel.hasPrecomputedKeys() && kernel.keyCount() != store.size()) {
            throw new IllegalArgumentException("kernel keys A have " + kernel.keyCount()
                    + " rows but the memory store has M = " + store.size() + " patterns");
        }
    }

    /** keys = (Ξ Wᵀ) W, chunk by chunk over the stored patterns. */
    private static void compute(MemoryStore store, NativeBlock keys, NativeBlock w, double[] wt, int D) {
        int M = store.size(), d = store.dimension();
        boolean f32 = store.precision() == Precision.FLOAT32;
        int chunk = Math.max(1, Math.min(M, CHUNK_ELEMENTS / D));
        NativeBlock wtBlock = f32 ? NativeBlock.copyOf(toFloat(wt)) : NativeBlock.copyOf(wt);
        NativeBlock tmp = f32 ? NativeBlock.floats((long) chunk * D) : NativeBlock.doubles((long) chunk * D);
        StoragePrecision storage = store.storagePrecision();
        NativeBlock widened = storage.isHalf() ? NativeBlock.floats((long) chunk * d) : null;
        var xi = store.acquire();
        try {
            for (int r0 = 0; r0 < M; r0 += chunk) {
                int m = Math.min(chunk, M - r0);
                long at = (long) r0 * d;
                if (f32) {
                    FloatPointer x;
                    if (widened == null) {
                        x = ((FloatPointer) xi).getPointer(at);
                    } else {
                        x = widened.floatPointer();
                        HalfKernels.widen(((ShortPointer) xi).getPointer(at), x, (long) m * d, storage.nativeCode());
                    }
                    RetrievalKernels.gemmAbt(x, w.floatPointer(), tmp.floatPointer(), m, D, d);
                    RetrievalKernels.gemmAbt(tmp.floatPointer(), wtBlock.floatPointer(),
                            keys.floatPointer().getPointer(at), m, d, D);
                } else {
                    DoublePointer x = ((DoublePointer) xi).getPointer(at);
                    RetrievalKernels.gemmAbt(x, w.doublePointer(), tmp.doublePointer(), m, D, d);
                    RetrievalKernels.gemmAbt(tmp.doublePointer(), wtBlock.doublePointer(),
                            keys.doublePointer().getPointer(at), m, d, D);
                }
            }
        } finally {
            store.release();
            tmp.close();
            wtBlock.close();
            if (widened != null) widened.close();
        }
    }

    private static double[] transpose(double[] w, int rows, int cols) {
        double[] t = new double[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
        }
        return t;
    }

    /** Rounds to float32, rejecting values that become infinite. */
    private static float[] narrow(String name, double[] a, int cols) {
        float[] f = toFloat(a);
        Check.finiteMatrix(name + " rounded to float32", f, cols);
        return f;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @Override
    public void close() {
        keys.close();
        if (w != null) w.close();
    }
}
