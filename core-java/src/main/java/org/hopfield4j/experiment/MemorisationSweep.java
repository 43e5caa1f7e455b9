package org.hopfield4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.internal.Check;

/**
 * The memorisation sweep (U-Hop's Figure 6): a {@link MemorisationExperiment} for every N of a list and the
 * seeds first, first + 1, …, on one data set; mean and sample std over the seeds. The {@code experiment
 * memorise} command runs it once per data set.
 */
public final class MemorisationSweep {
    /** The CSV columns. */
    public static final String[] COLUMNS = {"dataset", "model", "n", "train_acc_mean", "train_acc_std", "test_acc_mean",
        "test_acc_std", "seeds"};

    /** One point: a data set, a variant, N, the accuracies' mean and sample std over the seeds. */
    public record Point(String dataset, MemorisationExperiment.Variant model, int n, double trainMean, double trainStd,
                        double testMean, double testStd, int seeds) {}

    /**
     * What {@code experiment memorise} runs when no option narrows it: the data sets, the
     * numbers of training samples N, the variants and the seeds (the classifier and training are
     * {@link MemorisationExperiment#defaults}'s).
     */
    public record Grid(List<StandardDataset> datasets, List<Integer> sizes, List<MemorisationExperiment.Variant> models,
                       int seeds) {
        /**
         * U-Hop's Figure 6 grid: MNIST and Fashion-MNIST, N = 100, 300, 1 000, 3 000, 10 000, with and without
         * U-Hop, 5 seeds: {@code experiment memorise --paper}.
         */
        public static final Grid PAPER = new Grid(List.of(StandardDataset.MNIST_FULL, StandardDataset.FASHION_MNIST),
                List.of(100, 300, 1000, 3000, 10000), List.of(MemorisationExperiment.Variant.values()), 5);
        /**
         * The default: MNIST only (the build fetches it; Fashion-MNIST is a Debian package), N = 100, 1 000,
         * 10 000, 2 seeds; the same protocol as the paper grid.
         */
        public static final Grid QUICK = new Grid(List.of(StandardDataset.MNIST_FULL), List.of(100, 1000, 10000),
                PAPER.models, 2);

        public Grid {
            datasets = List.copyOf(datasets);
            if (datasets.isEmpty()) throw new IllegalArgumentException("data sets must not be empty");
            sizes = MemorisationSweep.sampleCounts(sizes);
            models = List.copyOf(models);
            if (models.isEmpty()) throw new IllegalArgumentException("variants must not be empty");
            Check.positive("seeds", seeds);
        }
    }

    private final MemorisationExperiment experiment;
    private final List<MemorisationExperiment.Variant> variants;
    private final long firstSeed;
    private final int seeds;
    private final Consumer<String> progress;

    /** @param progress told after each run what was done; null for none */
    public MemorisationSweep(MemorisationExperiment experiment, List<MemorisationExperiment.Variant> variants,
                             long firstSeed, int seeds, Consumer<String> progress) {
        this.experiment = Check.notNull(experiment, "experiment");
        this.variants = List.copyOf(Check.notNull(variants, "variants"));
        if (variants.isEmpty()) throw new IllegalArgumentException("variants must not be empty");
        this.firstSeed = firstSeed;
        this.seeds = Check.positive("seeds", seeds);
        this.progress = progress == null ? what -> { } : progress;
    }

    /** Every N of {@code sizes} (sorted, without repeats) on {@code train} / {@code test}, named {@code dataset}. */
    public List<Point> sweep(String dataset, ImageSet train, ImageSet test, List<Integer> sizes) {
        List<Integer> ns = sampleCounts(sizes);
        List<Point> points = new ArrayList<>();
        for (int n : ns) {
            double[][] tr = new double[variants.size()][seeds], te = new double[variants.size()][seeds];
            for (int s = 0; s < seeds; s++) {
                Map<MemorisationExperiment.Variant, MemorisationExperiment.Accuracy> a =
                        experiment.run(train, test, n, firstSeed + s, variants);
                for (int v = 0; v < variants.size(); v++) {
                    tr[v][s] = a.get(variants.get(v)).train();
                    te[v][s] = a.get(variants.get(v)).test();
                }
                progress.accept(dataset + " N " + n + " seed " + (firstSeed + s));
            }
            for (int v = 0; v < variants.size(); v++) {
                double[] a = MemoryRetrievalExperiment.meanStd(tr[v]), b = MemoryRetrievalExperiment.meanStd(te[v]);
                points.add(new Point(dataset, variants.get(v), n, a[0], a[1], b[0], b[1], seeds));
            }
        }
        return points;
    }

    /** The numbers of training samples N sorted, without repeats; each must be >= 1. */
    public static List<Integer> sampleCounts(List<Integer> sizes) {
        return Check.counts("N", sizes);
    }

    /** The table of {@code points}: {@link #COLUMNS}. */
    public static ResultTable table(List<Point> points) {
        ResultTable t = new ResultTable(COLUMNS);
        for (Point p : points) {
            t.add(p.dataset(), p.model().label(), p.n(), p.trainMean(), p.trainStd(), p.testMean(), p.testStd(), p.seeds());
        }
        return t;
    }
}
