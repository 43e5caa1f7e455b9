package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences for the gradient tests of org.hopfield4j.nn, and the one error measure
 * they use: max |analytic − fd| / max |fd| over a whole gradient (a relative error that a wrong
 * sign, factor or index in one entry pushes far above 1e-6).
 */
final class AssociationGradientChecks {
    /** The step of the central differences: truncation O(h²) ~ 1e-12, rounding ~ 1e-16 / h ~ 1e-11. */
    static final double H = 1e-5;
    /** What every float64 gradient must meet against finite differences. */
    static final double FD_TOLERANCE = 1e-6;

    private AssociationGradientChecks() {}

    /** Thrown by a loss when a perturbation changed the support: the point is not well-conditioned. */
    static final class SupportChanged extends RuntimeException {
        SupportChanged() {
            super("a finite-difference step changed the support of the map", null, false, false);
        }
    }

    /** dL/dx_i by central differences, for every i (x is restored). */
    static double[] fd(double[] x, ToDoubleFunction<double[]> loss) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + H;
            double up = loss.applyAsDouble(x);
            x[i] = keep - H;
            double down = loss.applyAsDouble(x);
            x[i] = keep;
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    static double relativeError(double[] analytic, double[] fd) {
        double num = 0, den = 0;
        for (int i = 0; i < fd.length; i++) {
            num = Math.max(num, Math.abs(analytic[i] - fd[i]));
            den = Math.max(den, Math.abs(fd[i]));
        }
        return den == 0 ? num : num / den;
    }

    static void assertGradient(double[] analytic, double[] fd, double tolerance, String what) {
        double err = relativeError(analytic, fd);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance);
        assertTrue(maxAbs(fd) > 1e-8 || maxAbs(analytic) <= 1e-12, what + ": a zero gradient tests nothing");
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double[] gaussian(SplittableRandom rnd, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
            double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
            a[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return a;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** The support pattern of P as a string, to detect a step that crosses a support change. */
    static boolean[] support(double[] p) {
        boolean[] s = new boolean[p.length];
        for (int i = 0; i < p.length; i++) s[i] = p[i] > 0;
        return s;
    }
}
