package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistBags;
import org.hopfield4j.internal.Check;

/**
 * The multiple-instance grid: a {@link MilExperiment} for every number of training bags, every mean bag
 * size and the seeds first, first + 1, …, summarised as mean and sample std over the seeds. The
 * {@code experiment mil} command and the {@code mil-bags.hop.kts} script both run it.
 */
public final class MilSweep {
    /**
     * What {@code experiment mil} runs when no option narrows it: the training-bag counts, mean bag sizes,
     * bag-size std, models and seeds (the network, epochs and test bags are {@link MilExperiment#defaults}'s).
     */
    public record Grid(List<Integer> bagCounts, List<Double> meanSizes, double bagStd, List<MilModel> models, int seeds) {
        /**
         * The (Ilse et al.'s) grid: 50, 100, 150, 200, 300, 400, 500 training bags, mean bag size 10,
         * std 2, all six models, 5 seeds (about an hour on 2 shared cores): {@code experiment mil --paper}.
         */
        public static final Grid PAPER = new Grid(List.of(50, 100, 150, 200, 300, 400, 500),
                List.of(MnistBags.STANDARD.meanSize()), MnistBags.STANDARD.sizeStd(), List.of(MilModel.values()), 5);
        /**
         * The default: the paper grid's ends, 100 and 500 training bags, 2 seeds; the same protocol, so its
         * rows are comparable with the paper grid's (docs/results.md#mil says its wall time).
         */
        public static final Grid QUICK = new Grid(List.of(100, 500), PAPER.meanSizes, PAPER.bagStd,
                PAPER.models, 2);

        public Grid {
            bagCounts = MilSweep.bagCounts(bagCounts);
            meanSizes = MilSweep.meanSizes(meanSizes);
            Check.nonNegativeFinite("bag size std", bagStd);
            models = List.copyOf(models);
            if (models.isEmpty()) throw new IllegalArgumentException("models must not be empty");
            Check.positive("seeds", seeds);
        }
    }

    private final MilExperiment experiment;
    private final ImageSet train;
    private final ImageSet test;
    private final long firstSeed;
    private final int seeds;
    private final Consumer<String> progress;

    /** @param progress told after each model of each run what was done; null for none */
    public MilSweep(MilExperiment experiment, ImageSet train, ImageSet test, long firstSeed, int seeds,
                    Consumer<String> progress) {
        this.experiment = Check.notNull(experiment, "experiment");
        this.train = Check.notNull(train, "train");
        this.test = Check.notNull(test, "test");
        this.firstSeed = firstSeed;
        this.seeds = Check.positive("seeds", seeds);
        this.progress = progress == null ? what -> { } : progress;
    }

    /** The counts sorted, without repeats; each must be >= 1. */
    public static List<Integer> bagCounts(List<Integer> counts) {
        return Check.counts("number of training bags", counts);
    }

    /** The mean sizes sorted, without repeats; each must be finite and >= 1. */
    public static List<Double> meanSizes(List<Double> means) {
        for (double m : means) {
            if (!(m >= 1) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("every mean bag size must be finite and >= 1, got " + m);
            }
        }
        return means.stream().distinct().sorted().toList();
    }

    /**
     * Every (training bags, mean bag size) of the grid, {@code shape}'s std and target digit; the attention
     * maps kept are those of the first seed at the largest count and the smallest mean size.
     */
    public MilSummary grid(List<Integer> bagCounts, List<Double> meanSizes, MnistBags.Shape shape) {
        List<Integer> counts = bagCounts(bagCounts);
        List<Double> means = meanSizes(meanSizes);
        List<MilModel> models = experiment.models();
        List<MilSummary.Point> points = new ArrayList<>();
        List<MilExperiment.AttentionMap> attention = List.of();
        for (double mean : means) {
            for (int count : counts) {
                double[][] auc = new double[models.size()][seeds], acc = new double[models.size()][seeds];
                for (int s = 0; s < seeds; s++) {
                    MilExperiment.Trial trial = experiment.run(train, test, count, shape.withMeanSize(mean), firstSeed + s,
                            (model, bags, meanBag, seed) -> progress.accept(MilSummary.pointName(bags, meanBag)
                                    + " seed " + seed + " " + model.label()));
                    for (int m = 0; m < models.size(); m++) {
                        auc[m][s] = trial.scores().get(models.get(m)).auc();
                        acc[m][s] = trial.scores().get(models.get(m)).accuracy();
                    }
                    if (s == 0 && mean == means.get(0) && count == counts.get(counts.size() - 1)) attention = trial.attention();
                }
                for (int m = 0; m < models.size(); m++) {
                    double[] a = MemoryRetrievalExperiment.meanStd(auc[m]), c = MemoryRetrievalExperiment.meanStd(acc[m]);
                    points.add(new MilSummary.Point(models.get(m), count, mean, a[0], a[1], c[0], c[1], seeds));
                }
            }
        }
        return new MilSummary(points, attention);
    }
}
