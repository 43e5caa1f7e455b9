package org.hopfield4j.cli;

import org.hopfield4j.MapKind;
import org.hopfield4j.NativeRuntime;
import org.hopfield4j.Separation;
import org.hopfield4j.reference.ReferenceSeparation;

/**
 * Times the maps on one batch of scores: the native kernel (through {@link Separation}, in the
 * chosen precision) and the plain-Java float64 reference, on exactly the same values.
 */
final class SeparationBenchmark {
    private final int rows;
    private final int n;
    private final DtypeName dtype;
    private final double[] z64;  // the scores as the reference (and float64 kernels) see them
    private final float[] z32;   // the same scores in float32, or null

    SeparationBenchmark(double[] scores, int rows, int n, DtypeName dtype) {
        this.rows = rows;
        this.n = n;
        this.dtype = dtype;
        if (dtype == DtypeName.float32) {
            z32 = ReferenceSeparation.toFloat(scores);
            z64 = ReferenceSeparation.toDouble(z32); // exactly the float32 values
        } else {
            z32 = null;
            z64 = scores;
        }
    }

    BenchRow measure(MapKind map, double alpha, int warmup, int repeats) {
        Separation separation = map.separation(alpha);
        ReferenceSeparation.Map reference = ReferenceSeparation.Map.of(map);
        double refAlpha = separation.alpha();
        int[] support = new int[rows];
        double[] p64;
        double nativeNanos;
        if (z32 != null) {
            float[] p = new float[z32.length];
            nativeNanos = MedianTimer.medianNanos(warmup, repeats,
                    () -> separation.apply(z32, null, p, support, rows, n, 1.0));
            p64 = ReferenceSeparation.toDouble(p);
        } else {
            double[] p = new double[z64.length];
            nativeNanos = MedianTimer.medianNanos(warmup, repeats,
                    () -> separation.apply(z64, null, p, support, rows, n, 1.0));
            p64 = p;
        }
        double[][] javaResult = new double[1][];
        double javaNanos = MedianTimer.medianNanos(warmup, repeats,
                () -> javaResult[0] = ReferenceSeparation.apply(reference, refAlpha, z64, null, rows, n, 1.0));

        double elements = (double) rows * n;
        String name = separation.name();
        return new BenchRow(name, n, rows, dtype, NativeRuntime.kernelThreads(), nativeNanos / elements,
                javaNanos / elements, mean(support), maxAbsDiff(p64, javaResult[0]));
    }

    private static double mean(int[] values) {
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : (double) sum / values.length;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
