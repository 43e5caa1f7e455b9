package org.hopfield4j;

import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.NativeCalls;
import org.hopfield4j.nativelib.HopfieldNative;

/**
 * Threads of the native side. Two pools matter: the kernel threads that row-parallel kernels
 * (separation maps over a batch) may start per call, and OpenBLAS's own threads for matrix products.
 * Both default to the number of cores. When the caller already runs many Java threads that each
 * call into hopfield4j, set both to 1 to avoid oversubscription: {@link #useCallerThreads()} does
 * this in one call, before the threads start.
 *
 * <pre>{@code
 * NativeRuntime.useCallerThreads();          // kernel threads = BLAS threads = 1
 * ExecutorService pool = Executors.newFixedThreadPool(cores);
 * // ... each task calls retriever.retrieve(...) on a shared store and retriever
 * }</pre>
 *
 * <p>The settings are process-wide and may be changed at any time; they affect calls that start
 * afterwards and never the results (rows are independent, so the same inputs give bit-for-bit the
 * same outputs whatever the thread counts).
 */
public final class NativeRuntime {
    static {
        NativeCalls.count(); // loads the native library
    }

    private NativeRuntime() {}

    /** Sets the threads row-parallel kernels may use per call. @throws IllegalArgumentException if &lt; 1 */
    public static void setKernelThreads(int threads) {
        HopfieldNative.set_num_threads(Check.positive("kernel threads", threads));
    }

    /** The threads row-parallel kernels may use per call. */
    public static int kernelThreads() {
        return HopfieldNative.get_num_threads();
    }

    /** Sets the OpenBLAS thread count. @throws IllegalArgumentException if &lt; 1 */
    public static void setBlasThreads(int threads) {
        HopfieldNative.set_blas_num_threads(Check.positive("BLAS threads", threads));
    }

    /** The OpenBLAS thread count. */
    public static int blasThreads() {
        return HopfieldNative.get_blas_num_threads();
    }

    /**
     * For callers that bring their own threads: sets the kernel threads and the OpenBLAS threads to
     * 1, so that N Java threads calling into hopfield4j use N cores rather than N × cores native
     * threads. Equivalent to {@code setKernelThreads(1); setBlasThreads(1);}.
     */
    public static void useCallerThreads() {
        setKernelThreads(1);
        setBlasThreads(1);
    }

    /** One line describing the machine and thread settings, for logs and benchmark output. */
    public static String describe() {
        return String.format("%s %s, %d cores, Java %s, kernel threads %d, BLAS threads %d",
                System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                kernelThreads(), blasThreads());
    }
}
