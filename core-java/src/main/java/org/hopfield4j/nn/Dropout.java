package org.hopfield4j.nn;

import java.util.SplittableRandom;
import org.hopfield4j.internal.Check;

/**
 * Inverted dropout: in training, each value is kept with probability 1 − p and scaled by 1/(1 − p), else
 * zeroed; in evaluation, the identity. The masks come from a {@link SplittableRandom} seeded once, so a
 * run is reproducible from its seed.
 */
public final class Dropout extends RowwiseLayer {
    private final double p;
    private final SplittableRandom random;
    private double[] scale;

    public Dropout(double p, long seed) {
        this.p = Check.halfOpenUnit("dropout p", p);
        this.random = new SplittableRandom(seed);
    }

    /** The scale of each value in the last forward: 0 or 1/(1 − p) in training, null in evaluation. */
    static double[] mask(SplittableRandom random, double p, int n) {
        double[] m = new double[n];
        double keep = 1 / (1 - p);
        for (int i = 0; i < n; i++) m[i] = random.nextDouble() < p ? 0 : keep;
        return m;
    }

    @Override
    double[] forwardRows(double[] x, int rows, boolean training) {
        scale = training && p > 0 ? mask(random, p, x.length) : null;
        if (scale == null) return x.clone();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * scale[i];
        return y;
    }

    @Override
    double[] backwardRows(double[] dy, double[] x, int rows) {
        if (scale == null) return dy;
        double[] dx = new double[dy.length];
        for (int i = 0; i < dy.length; i++) dx[i] = dy[i] * scale[i];
        return dx;
    }

    @Override
    public String kind() {
        return "dropout";
    }
}
