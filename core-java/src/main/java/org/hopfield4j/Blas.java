package org.hopfield4j;

import java.util.function.Supplier;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeBlock;
import org.hopfield4j.internal.RetrievalKernels;

/**
 * A benchmark hook: the native matrix product C = A · Bᵀ (OpenBLAS gemm, the one retrieval and
 * stage I use), with its operands held in native memory, so a benchmark can time "one matrix
 * product of the same shape" in the same run as the computation it compares against (the
 * roofline).
 *
 * <pre>{@code
 * try (Blas.GemmAbt gemm = Blas.gemmAbt(queries, patterns, B, M, d)) {   // (B × d) · (M × d)ᵀ
 *     gemm.run();                                                        // time this
 *     double gflops = gemm.flops() / seconds / 1e9;
 * }
 * }</pre>
 *
 * <p>Operands are copied once into native memory; {@link GemmAbt#run()} then does nothing but the
 * native product. The threads are OpenBLAS's ({@link NativeRuntime#setBlasThreads(int)}).
 */
public final class Blas {
    private Blas() {}

    /**
     * C (m × n) = A (m × k) · B (n × k)ᵀ in float32: A and B row-major, copied into native memory.
     *
     * @throws IllegalArgumentException if m, n or k &lt; 1, a length is not m · k or n · k, or C
     *     (m · n) would not fit in a Java array (so {@link GemmAbt#result()} can return it)
     * @throws NullPointerException if a or b is null
     */
    public static GemmAbt gemmAbt(float[] a, float[] b, int m, int n, int k) {
        Check.notNull(a, "A");
        Check.notNull(b, "B");
        checkShape(a.length, b.length, m, n, k);
        return allocate(Precision.FLOAT32, m, n, k, () -> NativeBlock.copyOf(a), () -> NativeBlock.copyOf(b));
    }

    /** As {@link #gemmAbt(float[], float[], int, int, int)}, in float64. */
    public static GemmAbt gemmAbt(double[] a, double[] b, int m, int n, int k) {
        Check.notNull(a, "A");
        Check.notNull(b, "B");
        checkShape(a.length, b.length, m, n, k);
        return allocate(Precision.FLOAT64, m, n, k, () -> NativeBlock.copyOf(a), () -> NativeBlock.copyOf(b));
    }

    /**
     * The first product of a retrieval step at any M: C = Q · Ξᵀ for B float32 queries Q against a float32
     * store's patterns (memory-mapped or not), {@code block} patterns per gemm into one reused
     * B × block buffer, as the blocked retrieval computes its scores. {@link StoreProduct#run()} does
     * only the gemms: the baseline of a step when B × M is too large for one C.
     *
     * @throws IllegalArgumentException if the store is not float32, B or block &lt; 1, the length is not
     *     B · d, or B × block exceeds a Java array
     * @throws IllegalStateException if the store is closed
     */
    public static StoreProduct storeProduct(float[] queries, int B, MemoryStore store, int block) {
        Check.notNull(queries, "queries");
        Check.notNull(store, "store");
        if (store.storagePrecision() != StoragePrecision.FLOAT32) {
            throw new IllegalArgumentException("storeProduct needs a float32 store, got " + store.storagePrecision());
        }
        int d = store.dimension();
        Check.length("queries", queries.length, Check.matrixSize("B", B, 1, "d", d), "B * d = " + B + " * " + d);
        int nb = (int) Math.min(Check.positive("block", block), store.size());
        Check.matrixSize("B", B, 1, "block", nb);
        NativeBlock q = NativeBlock.copyOf(queries);
        try {
            return new StoreProduct(store, B, nb, q, NativeBlock.floats((long) B * nb));
        } catch (RuntimeException | Error e) {
            q.close();
            throw e;
        }
    }

    /** The native operands of {@link #storeProduct}; close it to free Q and C (not the store). */
    public static final class StoreProduct implements AutoCloseable {
        private final MemoryStore store;
        private final int batch;
        private final int block;
        private final NativeBlock q;
        private final NativeBlock c;

        private StoreProduct(MemoryStore store, int batch, int block, NativeBlock q, NativeBlock c) {
            this.store = store;
            this.batch = batch;
            this.block = block;
            this.q = q;
            this.c = c;
        }

        /** Computes C = Q · Ξ_blockᵀ for every block of the store in turn. */
        public void run() {
            int M = store.size(), d = store.dimension();
            FloatPointer xi = (FloatPointer) store.acquire();
            try {
                q.acquire(GemmAbt.CLOSED);
                try {
                    c.acquire(GemmAbt.CLOSED);
                    try {
                        for (long m0 = 0; m0 < M; m0 += block) {
                            long nb = Math.min(block, M - m0);
                            RetrievalKernels.gemmAbt(q.floatPointer(), xi.getPointer(m0 * d), c.floatPointer(),
                                    batch, nb, d);
                        }
                    } finally {
                        c.release();
                    }
                } finally {
                    q.release();
                }
            } finally {
                store.release();
            }
        }

        /** The floating-point operations of one run, 2 · B · M · d. */
        public double flops() {
            return 2.0 * batch * store.size() * store.dimension();
        }

        @Override
        public void close() {
            q.close();
            c.close();
        }
    }

    /** Copies A and B into native memory and allocates C; frees what it allocated if a later allocation fails. */
    private static GemmAbt allocate(Precision precision, int m, int n, int k,
                                    Supplier<NativeBlock> copyA, Supplier<NativeBlock> copyB) {
        NativeBlock na = null, nb = null;
        try {
            na = copyA.get();
            nb = copyB.get();
            long cLength = (long) m * n;
            NativeBlock nc = precision == Precision.FLOAT32 ? NativeBlock.floats(cLength) : NativeBlock.doubles(cLength);
            return new GemmAbt(precision, m, n, k, na, nb, nc);
        } catch (RuntimeException | Error e) {
            if (na != null) na.close();
            if (nb != null) nb.close();
            throw e;
        }
    }

    private static void checkShape(int aLength, int bLength, int m, int n, int k) {
        Check.matrixSize("m", m, 1, "k", k);
        Check.matrixSize("n", n, 1, "k", k);
        Check.matrixSize("m", m, 1, "n", n);
        Check.length("A", aLength, (long) m * k, "m * k = " + m + " * " + k);
        Check.length("B", bLength, (long) n * k, "n * k = " + n + " * " + k);
    }

    /**
     * Native operands of one product C = A · Bᵀ; {@link #run()} computes it. Close it to free the
     * native memory (idempotent; afterwards {@code run} and {@code result} throw
     * {@link IllegalStateException}). Safe to use from one thread at a time.
     */
    public static final class GemmAbt implements AutoCloseable {
        private static final String CLOSED = "matrix product is closed";

        private final Precision precision;
        private final int m;
        private final int n;
        private final int k;
        private final NativeBlock a;
        private final NativeBlock b;
        private final NativeBlock c;

        private GemmAbt(Precision precision, int m, int n, int k, NativeBlock a, NativeBlock b, NativeBlock c) {
            this.precision = precision;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        /** Computes C = A · Bᵀ natively (one gemm call). */
        public void run() {
            Pointer pa = a.acquire(CLOSED);
            try {
                Pointer pb = b.acquire(CLOSED);
                try {
                    Pointer pc = c.acquire(CLOSED);
                    try {
                        if (precision == Precision.FLOAT32) {
                            RetrievalKernels.gemmAbt(a.floatPointer(), b.floatPointer(), c.floatPointer(), m, n, k);
                        } else {
                            RetrievalKernels.gemmAbt(a.doublePointer(), b.doublePointer(), c.doublePointer(), m, n, k);
                        }
                    } finally {
                        c.release();
                    }
                } finally {
                    b.release();
                }
            } finally {
                a.release();
            }
        }

        /** A copy of C (m × n, row-major) as computed by the last {@link #run()} (undefined before the first). */
        public double[] result() {
            double[] out = new double[m * n];
            c.acquire(CLOSED);
            try {
                if (precision == Precision.FLOAT32) {
                    float[] f = new float[m * n];
                    c.floatPointer().get(f, 0, f.length);
                    for (int i = 0; i < f.length; i++) out[i] = f[i];
                } else {
                    c.doublePointer().get(out, 0, out.length);
                }
            } finally {
                c.release();
            }
            return out;
        }

        /** The floating-point operations of one product, 2 · m · n · k. */
        public double flops() {
            return 2.0 * m * n * k;
        }

        public Precision precision() {
            return precision;
        }

        public int m() {
            return m;
        }

        public int n() {
            return n;
        }

        public int k() {
            return k;
        }

        @Override
        public void close() {
            a.close();
            b.close();
            c.close();
        }

        @Override
        public String toString() {
            return "Blas.GemmAbt[(" + m + " x " + k + ") . (" + n + " x " + k + ")^T, " + precision + "]";
        }
    }
}
