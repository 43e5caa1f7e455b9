package org.hopfield4j.experiment;

import java.util.List;
import org.hopfield4j.internal.Check;
import org.hopfield4j.nn.AdamW;
import org.hopfield4j.nn.Parameter;

/**
 * How the learning experiments (MIL, memorisation) train their networks: AdamW for {@code epochs} passes
 * over the training set in shuffled mini-batches, the gradients clipped to a global norm first.
 *
 * @param epochs passes over the training set, ≥ 1
 * @param batchSize bags (or samples) per mini-batch, ≥ 1
 * @param optimiser AdamW's settings (learning rate, betas, weight decay)
 * @param clipNorm the global gradient norm above which gradients are scaled down
 */
public record TrainingSettings(int epochs, int batchSize, AdamW.Settings optimiser, double clipNorm) {
    public TrainingSettings {
        Check.positive("epochs", epochs);
        Check.positive("batch size", batchSize);
        Check.notNull(optimiser, "optimiser");
        Check.positiveFinite("clip norm", clipNorm);
    }

    /** AdamW with PyTorch's betas and ε, learning rate {@code lr} and weight decay {@code weightDecay}. */
    public static TrainingSettings of(int epochs, int batchSize, double lr, double weightDecay, double clipNorm) {
        return new TrainingSettings(epochs, batchSize, AdamW.Settings.defaults(lr).withWeightDecay(weightDecay), clipNorm);
    }

    public double learningRate() {
        return optimiser.learningRate();
    }

    public double weightDecay() {
        return optimiser.weightDecay();
    }

    /** The same settings for {@code epochs} epochs. */
    public TrainingSettings withEpochs(int epochs) {
        return new TrainingSettings(epochs, batchSize, optimiser, clipNorm);
    }

    /** The same settings with learning rate {@code lr}. */
    public TrainingSettings withLearningRate(double lr) {
        return of(epochs, batchSize, lr, weightDecay(), clipNorm);
    }

    /** A fresh optimiser for these settings. */
    AdamW optimiser(List<Parameter> parameters) {
        return new AdamW(parameters, optimiser);
    }
}
