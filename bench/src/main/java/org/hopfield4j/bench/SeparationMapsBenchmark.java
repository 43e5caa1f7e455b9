package org.hopfield4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One native separation pass (float32, β = 1) over {@code rows} rows of {@code n} Gaussian scores, for
 * each registered map that takes no parameter or a fixed one (entmax and normmax at α = 1.5). The
 * user-facing {@code bench separation} command times the same call against the float64 reference.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SeparationMapsBenchmark extends JmhSettings {
    @Param({"softmax", "sparsemax", "entmax15", "entmax", "normmax"})
    public String map;

    @Param({"1000", "10000"})
    public int n;

    @Param({"64"})
    public int rows;

    private Separation separation;
    private float[] scores;
    private float[] out;
    private int[] support;

    @Setup
    public void setUp() {
        MapKind kind = MapKind.named(map);
        separation = kind.separation(kind.parameter() == MapKind.Parameter.ALPHA ? 1.5 : Double.NaN);
        SplittableRandom random = new SplittableRandom(7);
        scores = new float[rows * n];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) random.nextGaussian();
        }
        out = new float[scores.length];
        support = new int[rows];
    }

    @Benchmark
    public float[] separate() {
        separation.apply(scores, null, out, support, rows, n, 1.0);
        return out;
    }
}
