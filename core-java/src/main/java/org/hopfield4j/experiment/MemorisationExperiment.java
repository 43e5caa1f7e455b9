package org.hopfield4j.experiment;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.internal.Check;
import org.hopfield4j.internal.Labels;
import org.hopfield4j.nn.Hopfield;
import org.hopfield4j.nn.HopfieldBuilder;
import org.hopfield4j.nn.Model;

/**
 * One run of the memorisation protocol (U-Hop's Figure 6, docs/results.md#memorisation): a Hopfield-layer
 * classifier trained on N labelled training images, its accuracy on those N (memorisation) and on the test
 * images (generalisation), with and without U-Hop. The classifier is one {@link org.hopfield4j.nn.HopfieldLayer}:
 * the image, layer-normalised and projected by W_Q to dk, retrieves with softmax from a learned memory of
 * M key patterns (dk wide) whose learned values are the 10 class logits. {@code uhop} puts U-Hop's learned-kernel
 * similarity β⟨W q, W k⟩ between them, W trained by Algorithm 2's stage I on the memory before every step.
 *
 * <p>Seeds: {@code SplittableRandom(seed)} draws the N images (a partial shuffle: for one seed a smaller N
 * is a prefix of a larger one), then the weights' seed, then the batch order's; both variants of a run
 * share all three.
 *
 * @param classifier the layer's sizes and stage I
 * @param training the optimiser; epochs are at least {@code training.epochs()} and enough for {@code minUpdates} steps
 * @param minUpdates the fewest optimiser steps any N gets (small N: many epochs, so memorisation is not cut short)
 * @param testImages how many test images (the first ones of the split) are scored
 */
public record MemorisationExperiment(Classifier classifier, TrainingSettings training, int minUpdates, int testImages) {

    /** The two variants of the classifier. */
    public enum Variant {
        /** Dot-product similarity. */
        HOPFIELD,
        /** Learned-kernel similarity trained by U-Hop's stage I (Algorithm 2). */
        UHOP;

        public String label() {
            return Labels.of(this);
        }

        public static Variant named(String name) {
            return Labels.named(values(), Variant::label, name, "memorisation model");
        }
    }

    /**
     * @param memories M, the learned memory's patterns
     * @param keyDim dk, the width of the projected image and of a memory pattern (and U-Hop's D)
     * @param stageOne U-Hop's stage I
     */
    public record Classifier(int memories, int keyDim, KernelTrainer stageOne) {
        public Classifier {
            Check.positive("memories", memories);
            Check.positive("key dim", keyDim);
            Check.notNull(stageOne, "stage I trainer");
        }
    }

    /** Accuracy on the N training images and on the test images. */
    public record Accuracy(double train, double test) {}

    public MemorisationExperiment {
        Check.notNull(classifier, "classifier");
        Check.notNull(training, "training");
        Check.nonNegative("min updates", minUpdates);
        Check.positive("test images", testImages);
    }

    /**
     * The defaults of {@code experiment memorise}: M 128, dk 64, stage I one epoch of the paper's settings per
     * step; AdamW lr 3·10⁻³, weight decay 10⁻⁴, batches of 64, clip norm 5, at least 10 epochs and 1 500 steps;
     * the whole test split (10 000 images).
     */
    public static MemorisationExperiment defaults() {
        return new MemorisationExperiment(new Classifier(128, 64, KernelTrainer.builder().epochs(1).build()),
                TrainingSettings.of(10, 64, 3e-3, 1e-4, 5.0), 1500, 10_000);
    }

    /** The epochs for N training images: at least {@code training.epochs()}, and enough for {@link #minUpdates} steps. */
    public int epochs(int n) {
        long batchesPerEpoch = (n + training.batchSize() - 1) / training.batchSize();
        return (int) Math.max(training.epochs(), (minUpdates + batchesPerEpoch - 1) / batchesPerEpoch);
    }

    /** One line of the classifier and training settings, for protocol files. */
    public String describe() {
        return String.format(Locale.ROOT, "HopfieldLayer: LayerNorm(d), W_Q d->%d, softmax over M %d learned memories "
                        + "(beta 1/sqrt(dk)), learned values = 10 logits; cross-entropy, AdamW lr %s, weight decay %s, batches of %d, "
                        + "clip norm %s, max(%d, enough for %d steps) epochs; uhop: kernel D %d, stage I %d epoch%s of %s loss "
                        + "(t %s, lr %s) on the memory before each step; accuracy on the N training images and on %d test images",
                classifier.keyDim, classifier.memories, training.learningRate(), training.weightDecay(), training.batchSize(),
                training.clipNorm(), training.epochs(), minUpdates, classifier.keyDim, classifier.stageOne.training().epochs(),
                classifier.stageOne.training().epochs() == 1 ? "" : "s", classifier.stageOne.training().loss().label(),
                classifier.stageOne.training().t(), classifier.stageOne.training().learningRate(), testImages);
    }

    /** One run: {@code n} images of {@code train}, each of {@code variants} trained and scored. */
    public Map<Variant, Accuracy> run(ImageSet train, ImageSet test, int n, long seed, List<Variant> variants) {
        Check.notNull(train, "train");
        Check.notNull(test, "test");
        if (train.labels() == null || test.labels() == null) {
            throw new IllegalArgumentException("memorisation needs labelled images (mnist-full, fashion-mnist)");
        }
        if (n < 1 || n > train.count()) {
            throw new IllegalArgumentException("N must be in [1, " + train.count() + "] (the training images), got " + n);
        }
        int d = train.dimension();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] chosen = MemoryRetrievalExperiment.draw(train.count(), n, rng);
        long weightSeed = rng.nextLong(), orderSeed = rng.nextLong();
        double[] x = Training.doubles(train.rows(chosen));
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = train.labels()[chosen[i]];
        int t = Math.min(testImages, test.count());
        int[] testIdx = new int[t];
        for (int i = 0; i < t; i++) testIdx[i] = i;
        double[] tx = Training.doubles(test.rows(testIdx));
        int[] ty = java.util.Arrays.copyOf(test.labels(), t);

        Map<Variant, Accuracy> out = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            Model net = Model.of(layer(d, v, weightSeed));
            Training.multiclass(net, x, y, d, training.withEpochs(epochs(n)), orderSeed);
            out.put(v, new Accuracy(Training.accuracy(net, x, y, d), Training.accuracy(net, tx, ty, d)));
        }
        return out;
    }

    private org.hopfield4j.nn.HopfieldLayer layer(int d, Variant v, long seed) {
        int dk = classifier.keyDim;
        HopfieldBuilder b = Hopfield.builder(d).keyDim(dk).storedWidth(dk).valueWidth(10).valueDim(10).outputWidth(10)
                .projections(true, false, false, false).normalize(true, false, false).seed(seed);
        if (v == Variant.UHOP) b.kernel(dk).uhop(classifier.stageOne);
        return b.buildLayer(classifier.memories);
    }
}
