package org.hopfield4j;

import java.util.OptionalLong;
import org.hopfield4j.internal.Check;

/**
 * The settings of the {@link KernelTrainer} run that produced a {@link LearnedKernel}: everything that,
 * with the same memories, reproduces its W. Saved with the kernel by {@link LearnedKernel#save} and read
 * back by {@link LearnedKernel#load}. Which memories were trained on (all, a range, the first half or
 * chosen rows) is not recorded.
 *
 * @param loss the separation loss
 * @param t its scale t (finite, &gt; 0)
 * @param epochs the number N of full-batch steps (&ge; 0)
 * @param learningRate γ (finite, &gt; 0)
 * @param schedule how γ_i follows from γ
 * @param optimizer SGD or Adam
 * @param adamBeta1 Adam's β₁ in [0, 1) (recorded for SGD too)
 * @param adamBeta2 Adam's β₂ in [0, 1)
 * @param adamEpsilon Adam's ε (finite, &gt; 0)
 * @param seed the seed of the Gaussian W₀, or empty if W₀ was given
 * @param initScale σ of the Gaussian W₀ (finite, &gt; 0), or NaN if W₀ was given
 * @param normalizeFeatures whether the loss used unit-length features
 * @param normalizeRows whether the rows of W were scaled to unit norm after training
 */
public record KernelTraining(SeparationLoss loss, double t, int epochs, double learningRate,
                             KernelTrainer.Schedule schedule, KernelTrainer.Optimizer optimizer,
                             double adamBeta1, double adamBeta2, double adamEpsilon,
                             OptionalLong seed, double initScale,
                             boolean normalizeFeatures, boolean normalizeRows) {
    /** Validates every setting as the trainer's builder does, with {@link IllegalArgumentException}. */
    public KernelTraining {
        Check.notNull(loss, "loss");
        Check.positiveFinite("t", t);
        Check.nonNegative("epochs", epochs);
        Check.positiveFinite("learning rate", learningRate);
        Check.notNull(schedule, "schedule");
        Check.notNull(optimizer, "optimizer");
        Check.halfOpenUnit("Adam beta1", adamBeta1);
        Check.halfOpenUnit("Adam beta2", adamBeta2);
        Check.positiveFinite("Adam eps", adamEpsilon);
        Check.notNull(seed, "seed");
        if (seed.isPresent()) {
            Check.positiveFinite("init scale", initScale);
        } else if (!Double.isNaN(initScale)) {
            throw new IllegalArgumentException("init scale must be NaN when W0 was given (no seed), got " + initScale);
        }
    }

    /** The step sizes γ_1..γ_N these settings use. */
    public double[] learningRates() {
        double[] rates = new double[epochs];
        double previous = learningRate;
        for (int i = 1; i <= epochs; i++) {
            previous = schedule.rate(learningRate, i, previous);
            rates[i - 1] = previous;
        }
        return rates;
    }

    /** These settings for a run that started from a given W₀: no seed, no σ. */
    KernelTraining fromGivenW0() {
        return new KernelTraining(loss, t, epochs, learningRate, schedule, optimizer, adamBeta1, adamBeta2, adamEpsilon,
                OptionalLong.empty(), Double.NaN, normalizeFeatures, normalizeRows);
    }
}
