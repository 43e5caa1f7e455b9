package org.hopfield4j.cli;

/**
 * One measurement of {@code bench separation}: a map at one row length, native against the
 * plain-Java reference on the same scores.
 *
 * @param nativeNsPerElement median wall time of the native kernel per score
 * @param javaNsPerElement   median wall time of the plain-Java reference per score
 * @param meanSupport        mean number of non-zero probabilities per row (native result)
 * @param maxAbsDiff         largest |p_native − p_java| over the batch
 */
record BenchRow(String map, int n, int rows, DtypeName dtype, int kernelThreads,
                double nativeNsPerElement, double javaNsPerElement, double meanSupport, double maxAbsDiff) {

    /** How many times faster the native kernel is than the Java reference. */
    double speedup() {
        return javaNsPerElement / nativeNsPerElement;
    }
}
