package org.hopfield4j.nn;

import java.util.SplittableRandom;

/**
 * Seeded initialisation: the same seed gives the same values on every machine ({@link SplittableRandom}
 * is specified bit for bit).
 */
public final class Init {
    private Init() {}

    /**
     * Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)), the default of the linear
     * layers and projections.
     */
    public static void xavierUniform(Parameter p, int fanIn, int fanOut, long seed) {
        uniform(p, Math.sqrt(6.0 / (fanIn + fanOut)), seed);
    }

    /** U(−a, a) on every value. */
    public static void uniform(Parameter p, double a, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = p.values();
        for (int i = 0; i < v.length; i++) v[i] = (2 * random.nextDouble() - 1) * a;
    }
}
