package org.hopfield4j.nn;

import java.util.List;
import org.hopfield4j.internal.Check;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam on the gradients with bias correction, and the decoupled
 * weight decay θ ← θ − lr·λ·θ on the parameters that {@link Parameter#decays() decay}. It owns its
 * moment buffers, not the parameters; {@link #step()} reads their gradients and does not clear them.
 */
public final class AdamW {
    /** The optimiser's settings; {@link #defaults(double)} gives PyTorch's defaults. */
    public record Settings(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        public Settings {
            Check.positiveFinite("learning rate", learningRate);
            Check.halfOpenUnit("beta1", beta1);
            Check.halfOpenUnit("beta2", beta2);
            Check.positiveFinite("eps", eps);
            Check.nonNegativeFinite("weight decay", weightDecay);
        }

        public static Settings defaults(double learningRate) {
            return new Settings(learningRate, 0.9, 0.999, 1e-8, 0.01);
        }

        public Settings withWeightDecay(double weightDecay) {
            return new Settings(learningRate, beta1, beta2, eps, weightDecay);
        }
    }

    private final List<Parameter> parameters;
    private final Settings settings;
    private final double[][] m;
    private final double[][] v;
    private long steps;

    public AdamW(List<Parameter> parameters, Settings settings) {
        this.parameters = List.copyOf(Check.notNull(parameters, "parameters"));
        this.settings = Check.notNull(settings, "settings");
        this.m = new double[this.parameters.size()][];
        this.v = new double[this.parameters.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[this.parameters.get(i).size()];
            v[i] = new double[this.parameters.get(i).size()];
        }
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        steps++;
        double c1 = 1 - Math.pow(settings.beta1(), steps), c2 = 1 - Math.pow(settings.beta2(), steps);
        double lr = settings.learningRate();
        for (int i = 0; i < m.length; i++) {
            Parameter p = parameters.get(i);
            double[] x = p.values(), g = p.gradient(), mi = m[i], vi = v[i];
            double decay = p.decays() ? 1 - lr * settings.weightDecay() : 1;
            for (int j = 0; j < x.length; j++) {
                mi[j] = settings.beta1() * mi[j] + (1 - settings.beta1()) * g[j];
                vi[j] = settings.beta2() * vi[j] + (1 - settings.beta2()) * g[j] * g[j];
                x[j] = x[j] * decay - lr * (mi[j] / c1) / (Math.sqrt(vi[j] / c2) + settings.eps());
            }
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Scales every gradient by min(1, maxNorm / ‖g‖) where ‖g‖ is the Euclidean norm of all the gradients
     * together (clipping by global norm); returns ‖g‖ before clipping.
     */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        Check.positiveFinite("max norm", maxNorm);
        double sum = 0;
        for (Parameter p : parameters) for (double g : p.gradient()) sum += g * g;
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            double s = maxNorm / norm;
            for (Parameter p : parameters) {
                double[] g = p.gradient();
                for (int j = 0; j < g.length; j++) g[j] *= s;
            }
        }
        return norm;
    }
}
