package org.hopfield4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Checks a layer's (or model's) backward against central finite differences in float64: with a fixed
 * random cotangent c, L(x, θ) = Σ c ⊙ forward(x); the analytic gradients of every parameter and of
 * the input's real rows must match (L(+h) − L(−h)) / 2h in relative error ‖a − n‖ / ‖n‖.
 */
final class FiniteDifferences {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-6;
    /** Below this norm a finite-difference gradient is rounding noise around an exact zero. */
    static final double ZERO = 1e-8;

    private FiniteDifferences() {}

    /** Asserts every gradient of {@code model} at {@code input}; returns the worst relative error. */
    static double check(Model model, Batch input, long seed) {
        Batch out = model.forward(input, false);
        SplittableRandom random = new SplittableRandom(seed);
        double[] c = new double[out.values().length];
        for (int i = 0; i < c.length; i++) c[i] = random.nextDouble() * 2 - 1;
        out.clearPadding(c, out.width());
        model.zeroGradients();
        model.forward(input, false);
        Batch dx = model.backward(out.with(c, out.width()));
        double worst = 0;
        for (var e : model.namedParameters().entrySet()) {
            double[] v = e.getValue().values();
            double[] numeric = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + H;
                double plus = dot(c, model.forward(input, false));
                v[i] = keep - H;
                double minus = dot(c, model.forward(input, false));
                v[i] = keep;
                numeric[i] = (plus - minus) / (2 * H);
            }
            worst = Math.max(worst, assertClose(e.getKey(), e.getValue().gradient(), numeric));
        }
        double[] x = input.values().clone();
        double[] numeric = new double[x.length];
        for (int b = 0; b < input.bags(); b++) {
            for (int i = b * input.length() * input.width(); i < (b * input.length() + input.size(b)) * input.width(); i++) {
                double keep = x[i];
                x[i] = keep + H;
                double plus = dot(c, model.forward(input.with(x, input.width()), false));
                x[i] = keep - H;
                double minus = dot(c, model.forward(input.with(x, input.width()), false));
                x[i] = keep;
                numeric[i] = (plus - minus) / (2 * H);
            }
        }
        return Math.max(worst, assertClose("input", dx.values(), numeric));
    }

    private static double dot(double[] c, Batch y) {
        double s = 0;
        for (int i = 0; i < c.length; i++) s += c[i] * y.values()[i];
        return s;
    }

    static double assertClose(String what, double[] analytic, double[] numeric) {
        double diff = 0, norm = 0;
        for (int i = 0; i < numeric.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            norm += numeric[i] * numeric[i];
        }
        if (Math.sqrt(norm) < ZERO) {
            // zero by an invariance (a LayerNorm bias on the keys shifts all of a query's scores alike):
            // the analytic gradient must vanish too
            assertTrue(Math.sqrt(diff) < ZERO, what + ": the gradient is zero by finite differences, analytic norm "
                    + Math.sqrt(diff));
            return 0;
        }
        double rel = Math.sqrt(diff) / Math.sqrt(norm);
        assertTrue(rel <= TOLERANCE, what + ": relative error " + rel + " > " + TOLERANCE);
        return rel;
    }

    /** A batch of {@code bags} bags of the given sizes, standard-normal-ish values from the seed. */
    static Batch randomBags(int[] sizes, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        java.util.List<double[]> bags = new java.util.ArrayList<>();
        for (int n : sizes) {
            double[] v = new double[n * width];
            for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian();
            bags.add(v);
        }
        return Batch.ofBags(bags, width);
    }
}
