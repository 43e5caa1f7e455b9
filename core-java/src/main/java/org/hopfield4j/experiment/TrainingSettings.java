package org.hopfield4j.experiment;

import org.hopfield4j.internal.Check;
import org.hopfield4j.nn.AdamW;

/**
 * How the learning experiments (MIL, memorisation) train their networks: AdamW for {@code epochs} passes
 * over the training set in shuffled mini-batches, the gradients clipped to a global norm first.
 *
 * @param epochs passes over the training set, ≥ 1
 * @param batchSize bags (or samples) per mini-batch, ≥ 1
 * @param learningRate AdamW's learning rate
 * @param weightDecay AdamW's decoupled weight decay
 * @param clipNorm the global gradient norm above which gradients are scaled down
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, double weightDecay, double clipNorm) {
    public TrainingSettings {
        Check.positive("epochs", epochs);
        Check.positive("batch size", batchSize);
        Check.positiveFinite("learning rate", learningRate);
        Check.nonNegativeFinite("weight decay", weightDecay);
        Check.positiveFinite("clip norm", clipNorm);
    }

    /** The same settings for {@code epochs} epochs. */
    public TrainingSettings withEpochs(int epochs) {
        return new TrainingSettings(epochs, batchSize, learningRate, weightDecay, clipNorm);
    }

    /** The same settings with learning rate {@code lr}. */
    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(epochs, batchSize, lr, weightDecay, clipNorm);
    }

    /** A fresh optimiser for these settings. */
    AdamW optimiser(java.util.List<org.hopfield4j.nn.Parameter> parameters) {
        return new AdamW(parameters, AdamW.Settings.defaults(learningRate).withWeightDecay(weightDecay));
    }
}
