package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences for the gradient tests of org.hopfield4j.nn, and the one error measure
 * they use: max |analytic − fd| / max |fd| over a whole gradient (a relative error that a wrong
 * sign, factor or index in one entry pushes far above 1e-6).
 *
 * <p>Well-conditioned points only: the sparse maps are not differentiable where the support
 * changes, and near such a point the central difference converges slowly (its O(h²) error grows with
 * the curvature of p ∝ u^(1/(α−1)) at small u). A point is rejected ({@link IllConditioned}, the test
 * draws the next seed) when a step changes a support, when the differences with steps h and 2h
 * disagree by more than {@link #CONVERGENCE} (so their truncation error is not small), or when the
 * gradient is zero (locally constant: a one-hot support), which would test nothing.
 */
final class AssociationGradientChecks {
    /** The step of the central differences: truncation O(h²) ~ 1e-10, rounding ~ 1e-16 / h ~ 1e-11. */
    static final double H = 1e-5;
    /** What every float64 gradient must meet against finite differences. */
    static final double FD_TOLERANCE = 1e-6;
    /** The largest disagreement of the h and 2h differences at a well-conditioned point. */
    static final double CONVERGENCE = 1e-6;

    private AssociationGradientChecks() {}

    /** The point is not well-conditioned for a finite-difference check. */
    static final class IllConditioned extends RuntimeException {
        IllConditioned(String why) {
            super(why, null, false, false);
        }
    }

    /** Runs {@code check} with seeds 1, 2, … until one point is well-conditioned (no {@link IllConditioned}); fails after 40. */
    static void atAWellConditionedPoint(java.util.function.LongConsumer check) {
        for (long seed = 1; seed <= 40; seed++) {
            try {
                check.accept(seed);
                return;
            } catch (IllConditioned e) {
                // a support change within the step, or a zero gradient: the next seed
            }
        }
        org.junit.jupiter.api.Assertions.fail("no well-conditioned point in 40 seeds");
    }

    /** dL/dx_i by central differences with step h, for every i (x is restored). */
    private static double[] central(double[] x, ToDoubleFunction<double[]> loss, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double up = loss.applyAsDouble(x);
            x[i] = keep - h;
            double down = loss.applyAsDouble(x);
            x[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /**
     * dL/dx by central differences with step {@link #H}, after checking that the step 2H agrees
     * (else {@link IllConditioned}); x is restored.
     */
    static double[] fd(double[] x, ToDoubleFunction<double[]> loss) {
        double[] g = central(x, loss, H);
        double[] g2 = central(x, loss, 2 * H);
        double disagreement = relativeError(g, g2);
        if (disagreement > CONVERGENCE) {
            throw new IllConditioned("finite differences not converged: h and 2h differ by " + disagreement);
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
        if (maxAbs(fd) <= 1e-9) throw new IllConditioned(what + ": zero gradient");
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double[] gaussian(SplittableRandom rnd, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();  // Box-Muller
            a[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return a;
    }

    /** Rounds every array to float32 values, in place (null arrays are skipped). */
    static void roundToFloat(double[]... arrays) {
        for (double[] a : arrays) {
            if (a == null) continue;
            for (int i = 0; i < a.length; i++) a[i] = (float) a[i];
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Which entries of P are in the support, to detect a step that crosses a support change. */
    static boolean[] support(double[] p) {
        boolean[] s = new boolean[p.length];
        for (int i = 0; i < p.length; i++) s[i] = p[i] > 0;
        return s;
    }

    /** Throws {@link IllConditioned} if the supports differ. */
    static void sameSupport(boolean[] expected, boolean[] actual) {
        if (!java.util.Arrays.equals(expected, actual)) throw new IllConditioned("a step changed the support");
    }
}
