package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistBags;
import org.hopfield4j.internal.Check;
import org.hopfield4j.nn.Activation;
import org.hopfield4j.nn.Bags;
import org.hopfield4j.nn.Hopfield;
import org.hopfield4j.nn.HopfieldPooling;
import org.hopfield4j.nn.Linear;
import org.hopfield4j.nn.Model;

/**
 * One run of the multiple-instance protocol on MNIST bags (docs/results.md#mil): draw training bags
 * from the training digits and test bags from the test digits ({@link MnistBags}), train the same
 * network around each {@link MilModel}'s pooling (instance encoder Linear–ReLU–Linear–ReLU, HopfieldPooling
 * with one learned query, a linear head; binary cross-entropy, AdamW), and score the test bags (ROC AUC,
 * accuracy at logit 0). Every model of a run sees the same bags, the same initial weights (the pooling's
 * own parameters aside) and the same mini-batch order.
 *
 * <p>Seeds: {@code SplittableRandom(seed)} gives the seed of the training bags, of the test bags, of the
 * weights and of the batch order, in that order; so for one seed the training bags of a smaller count are
 * a prefix of those of a larger one, and the test bags do not depend on the count.
 *
 * @param models the pooling layers to compare
 * @param network the network's sizes and U-Hop's stage I
 * @param training the optimiser and epochs
 * @param testBags test bags per run (Ilse et al.: 1 000)
 * @param attentionBags test bags whose attention map a run keeps
 */
public record MilExperiment(List<MilModel> models, Network network, TrainingSettings training, int testBags,
                            int attentionBags) {
    /**
     * The network around the pooling.
     *
     * @param hidden the instance encoder's width (and the pooling's)
     * @param heads the pooling's heads
     * @param kernelDim D, the rows of U-Hop's kernel W
     * @param stageOne U-Hop's stage I, run before every training step of the U-Hop models (Algorithm 2)
     */
    public record Network(int hidden, int heads, int kernelDim, KernelTrainer stageOne) {
        public Network {
            Check.positive("hidden width", hidden);
            Check.positive("heads", heads);
            Check.positive("kernel rows D", kernelDim);
            Check.notNull(stageOne, "stage I trainer");
            if (hidden % heads != 0) {
                throw new IllegalArgumentException("hidden width " + hidden + " must be a multiple of heads " + heads);
            }
        }
    }

    /** What a model scored on the test bags. */
    public record Score(double auc, double accuracy) {}

    /**
     * Which instances a model's pooling looked at in one test bag.
     *
     * @param instances the bag's test-image indices
     * @param positive the bag's label
     * @param probability the model's P(positive)
     * @param weights per instance, the association weight of the learned query, mean over the heads
     */
    public record AttentionMap(MilModel model, int[] instances, boolean positive, double probability, double[] weights) {}

    /** A run's scores per model and the attention maps of its first test bags (every model). */
    public record Trial(Map<MilModel, Score> scores, List<AttentionMap> attention) {}

    /** Told when a model of a run is done (for progress reports). */
    @FunctionalInterface
    public interface Listener {
        void done(MilModel model, int bags, double meanBag, long seed);
    }

    public MilExperiment {
        models = List.copyOf(Check.notNull(models, "models"));
        if (models.isEmpty()) throw new IllegalArgumentException("models must not be empty");
        Check.notNull(network, "network");
        Check.notNull(training, "training");
        Check.positive("test bags", testBags);
        Check.nonNegative("attention bags", attentionBags);
    }

    /**
     * The defaults of {@code experiment mil}: hidden width 64, 2 heads, D = 32 (the key width), stage I one
     * epoch of the paper's settings per step; 20 epochs of AdamW (lr 10⁻³, weight decay 10⁻⁴, batches of 8
     * bags, clipped at norm 5); 1 000 test bags; 4 attention maps.
     */
    public static MilExperiment defaults(List<MilModel> models) {
        return new MilExperiment(models, new Network(64, 2, 32, KernelTrainer.builder().epochs(1).build()),
                TrainingSettings.of(20, 8, 1e-3, 1e-4, 5.0), 1000, 4);
    }

    /** The same protocol with other training settings. */
    public MilExperiment withTraining(TrainingSettings settings) {
        return new MilExperiment(models, network, settings, testBags, attentionBags);
    }

    /** The same protocol scoring {@code count} test bags. */
    public MilExperiment withTestBags(int count) {
        return new MilExperiment(models, network, training, count, attentionBags);
    }

    /** One line of the network and training settings, for protocol files. */
    public String describe() {
        return String.format(Locale.ROOT, "encoder Linear(d,%d)-ReLU-Linear(%d,%d)-ReLU, HopfieldPooling (1 query, %d heads, "
                        + "beta 1/sqrt(dk), LayerNorm on, W_Q/W_K/W_V/W_O), Linear(%d,1); binary cross-entropy, AdamW lr %s, "
                        + "weight decay %s, %d epochs, batches of %d bags, clip norm %s; U-Hop: kernel D %d, stage I %d epoch%s of "
                        + "%s loss (t %s, lr %s) on the batch's keys before each step; %d test bags",
                network.hidden, network.hidden, network.hidden, network.heads, network.hidden, training.learningRate(),
                training.weightDecay(), training.epochs(), training.batchSize(), training.clipNorm(), network.kernelDim,
                network.stageOne.training().epochs(), network.stageOne.training().epochs() == 1 ? "" : "s",
                network.stageOne.training().loss().label(), network.stageOne.training().t(),
                network.stageOne.training().learningRate(), testBags);
    }

    /** One run: {@code trainBags} bags of {@code train}, {@link #testBags} of {@code test}, each model trained and scored. */
    public Trial run(ImageSet train, ImageSet test, int trainBags, MnistBags.Shape shape, long seed, Listener listener) {
        Check.notNull(train, "train");
        Check.notNull(test, "test");
        if (train.dimension() != test.dimension()) {
            throw new IllegalArgumentException("training images have d " + train.dimension() + ", test images " + test.dimension());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<MnistBags.Bag> trainDraw = MnistBags.draw(train, trainBags, shape, rng.nextLong());
        List<MnistBags.Bag> testDraw = MnistBags.draw(test, testBags, shape, rng.nextLong());
        long weightSeed = rng.nextLong();
        long orderSeed = rng.nextLong();
        Bags trainSet = bags(train, trainDraw);
        Bags testSet = bags(test, testDraw);
        boolean[] truth = new boolean[testBags];
        for (int i = 0; i < testBags; i++) truth[i] = testDraw.get(i).positive();

        Map<MilModel, Score> scores = new EnumMap<>(MilModel.class);
        List<AttentionMap> attention = new ArrayList<>();
        for (MilModel m : models) {
            HopfieldPooling pooling = m.configure(Hopfield.builder(network.hidden).heads(network.heads), network.kernelDim,
                    network.stageOne).seed(weightSeed + 2).buildPooling(1);
            Model net = Model.of(new Linear(train.dimension(), network.hidden, weightSeed), Activation.relu(),
                    new Linear(network.hidden, network.hidden, weightSeed + 1), Activation.relu(), pooling,
                    new Linear(network.hidden, 1, weightSeed + 3));
            Training.binary(net, trainSet, training, orderSeed);
            double[] logits = Training.logits(net, testSet, 100);
            scores.put(m, new Score(BinaryScores.auc(logits, truth), BinaryScores.accuracy(logits, truth, 0)));
            attention.addAll(attention(m, net, pooling, testSet, testDraw, logits));
            if (listener != null) listener.done(m, trainBags, shape.meanSize(), seed);
        }
        return new Trial(scores, attention);
    }

    /** The attention maps of the first {@link #attentionBags} test bags. */
    private List<AttentionMap> attention(MilModel m, Model net, HopfieldPooling pooling, Bags testSet,
                                         List<MnistBags.Bag> draw, double[] logits) {
        int k = Math.min(attentionBags, draw.size());
        List<AttentionMap> maps = new ArrayList<>();
        if (k == 0) return maps;
        int[] first = new int[k];
        for (int i = 0; i < k; i++) first[i] = i;
        Bags.MiniBatch batch = testSet.gather(first);
        net.forward(batch.input(), false);
        double[] a = pooling.associations();   // [head][bag][query row][instance]
        int heads = network.heads, length = batch.input().length();
        for (int b = 0; b < k; b++) {
            double[] w = new double[draw.get(b).size()];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < w.length; i++) w[i] += a[(h * k + b) * length + i] / heads;
            }
            double p = 1 / (1 + Math.exp(-logits[b]));
            maps.add(new AttentionMap(m, draw.get(b).instances(), draw.get(b).positive(), p, w));
        }
        return maps;
    }

    /** The drawn bags as the network's input: each bag's images (float64), label 1 for positive. */
    static Bags bags(ImageSet images, List<MnistBags.Bag> draw) {
        List<double[]> values = new ArrayList<>(draw.size());
        double[] targets = new double[draw.size()];
        int d = images.dimension();
        for (int b = 0; b < draw.size(); b++) {
            values.add(Training.doubles(images.rows(draw.get(b).instances())));
            targets[b] = draw.get(b).positive() ? 1 : 0;
        }
        return new Bags(values, d, targets);
    }
}
