package org.hopfield4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.MnistBags;
import org.hopfield4j.experiment.MilExperiment;
import org.hopfield4j.experiment.MilModel;
import org.hopfield4j.experiment.MilSummary;
import org.hopfield4j.experiment.MilSweep;
import org.hopfield4j.internal.Check;
import org.hopfield4j.plot.AttentionMapImage;
import org.hopfield4j.plot.ErrorBarChart;
import org.hopfield4j.plot.MilCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment mil}: multiple-instance learning on MNIST bags, the pooling layers compared. */
@Command(name = "mil",
        header = "Multiple-instance learning on MNIST bags: test AUC of Hopfield pooling (dense, sparse, entmax, U-Hop) "
                + "against the number of training bags and the mean bag size.",
        description = {
            "For each seed, number of training bags (--bags) and mean bag size (--mean-bag): draw MNIST bags (bag size "
                    + "~ Normal(mean, --bag-std), rounded, at least 1; instances drawn from the training digits, test bags "
                    + "from the test digits; positive iff the bag holds a --target-digit), train an instance encoder, "
                    + "HopfieldPooling with each model's map and a linear head with binary cross-entropy and AdamW, and "
                    + "score --test-bags test bags (ROC AUC, accuracy).",
            "Writes DIR/mil.csv (model,bags,mean_bag,auc_mean,auc_std,acc_mean,acc_std,seeds), DIR/mil.png (AUC against "
                    + "the training bags; with several mean sizes also against the mean size), DIR/mil-attention.png (which "
                    + "instances each model's pooling looked at in a few test bags) and DIR/mil-protocol.txt, and prints the table.",
            "Models (--models): dense, sparse, entmax15, entmax-learned, uhop-dense, uhop-sparse. Training: 20 epochs (--epochs) "
                    + "of AdamW, lr 0.001 (--lr).",
            "Grid: by default a quick one (100 and 500 training bags, mean bag size 10, std 2, all six models, 2 seeds; "
                    + "minutes on 2 cores); --paper selects the paper-sized grid (Ilse et al.'s: 50, 100, 150, 200, 300, 400, "
                    + "500 training bags, mean bag size 10, std 2, all six models, 5 seeds; about an hour). Options given "
                    + "replace the grid's values; the protocol (network, epochs, test bags) is the same in both."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment mil --out results/mil",
            "  java -jar samples/target/hopfield4j.jar experiment mil --paper --out results/mil",
            "  java -jar samples/target/hopfield4j.jar experiment mil --paper --bags 300 --mean-bag 10,20,50,100 --single-positive --out results/mil-size",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentMilCommand extends LearningExperimentBase {

    @Option(names = "--bags", split = ",", paramLabel = "N", order = 10,
            description = "Numbers of training bags, comma-separated (default: 100,500; --paper: 50,100,150,200,300,400,500).")
    List<Integer> bags;

    @Option(names = "--mean-bag", split = ",", paramLabel = "SIZE", order = 11,
            description = "Mean bag sizes, comma-separated, >= 1 (default and --paper: 10; the bag-size sweep: 10,20,50,100).")
    List<Double> meanBags;

    @Option(names = "--bag-std", paramLabel = "STD", order = 12,
            description = "Standard deviation of the bag size (default and --paper: 2).")
    Double bagStd;

    @Option(names = "--target-digit", paramLabel = "D", defaultValue = "9", order = 13,
            description = "A bag is positive iff it holds this digit (default: ${DEFAULT-VALUE}).")
    int targetDigit;

    @Option(names = "--single-positive", order = 14,
            description = "Half the bags positive, each with exactly one target digit among other digits, the rest none "
                    + "(default: Ilse et al.'s rule, instances from all digits, which makes nearly every large bag positive). "
                    + "For the bag-size sweep: the positive signal is one instance in a bag's size.")
    boolean singlePositive;

    @Option(names = "--test-bags", paramLabel = "N", defaultValue = "1000", order = 14,
            description = "Test bags per run (default: ${DEFAULT-VALUE}).")
    int testBags;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "mnist-full", order = 15,
            description = "mnist-full (default) or fashion-mnist (then --target-digit is a class index).")
    String dataset;

    @Override
    protected int run() {
        MilSweep.Grid grid = grid();
        List<MilModel> models = grid.models();
        List<Integer> counts = grid.bagCounts();
        List<Double> means = grid.meanSizes();
        MnistBags.Shape shape = option("--target-digit", () -> new MnistBags.Shape(means.get(0), grid.bagStd(), targetDigit,
                singlePositive));
        int n = grid.seeds();
        MilExperiment exp = experiment(models);
        ExperimentFiles.checkDirectory(out);
        ImageSet[] data = trainAndTest("--dataset", dataset);
        Path dir = ExperimentFiles.directory(out);

        List<String> protocol = new ArrayList<>();
        protocol.add("experiment mil (hopfield4j " + VersionProvider.projectVersion() + ")");
        protocol.add(String.format(Locale.ROOT, "data: bags of %s (%d images) for training, of %s (%d images) for testing",
                data[0].description(), data[0].count(), data[1].description(), data[1].count()));
        protocol.add(String.format(Locale.ROOT, "bags: size ~ round(Normal(mean, %s)), at least 1; instances drawn uniformly "
                + "with replacement; positive iff a bag holds digit %d; %s", grid.bagStd(), targetDigit, singlePositive
                ? "single-positive: half the bags positive with exactly one such digit, the other instances from the other digits"
                : "instances from all digits (Ilse et al.)"));
        protocol.add("models: " + String.join(", ", models.stream().map(MilModel::label).toList()));
        protocol.add("network and training: " + exp.describe());
        protocol.add("scores: test ROC AUC (Mann-Whitney, ties 1/2) of the logit, accuracy at logit 0; mean and sample std (n-1) over seeds");
        protocol.add(String.format(Locale.ROOT, "runs: training bags %s, mean bag sizes %s, %s", counts,
                means.stream().map(MilSummary::meanBag).toList(), seedRange(n)));
        protocol.add(machine());
        printHeader(protocol);

        long start = System.nanoTime();
        MilSummary summary;
        try (ProgressLine progress = progress((long) counts.size() * means.size() * n * models.size())) {
            summary = new MilSweep(exp, data[0], data[1], seed, n, progress::step).grid(counts, means, shape);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        protocol.add(String.format(Locale.ROOT, "runtime: %.1f s (load average at the end %s)", seconds, MachineInfo.loadAverage()));

        Path csv = dir.resolve("mil.csv"), png = dir.resolve("mil.png"), attention = dir.resolve("mil-attention.png"),
                protocolFile = dir.resolve("mil-protocol.txt");
        String what = String.format(Locale.ROOT, "%s bags, digit %d%s, mean ± std over %d seeds", dataset, targetDigit,
                singlePositive ? " (one per positive bag)" : "", n);
        new ExperimentFiles().text(csv, summary.table().csv())
                .add(png, staged -> ErrorBarChart.save(staged, MilCharts.of(summary, what)))
                .add(attention, staged -> AttentionMapImage.save(staged, summary.attention(), data[1], targetDigit))
                .text(protocolFile, String.join("\n", protocol) + "\n")
                .commit(dir);
        printResult(summary.table().alignedLines(), List.of(csv, png, attention, protocolFile), seconds);
        return Main.EXIT_OK;
    }

    /** The grid the options select: --paper's or the quick default's values, each option given replacing its own. */
    MilSweep.Grid grid() {
        MilSweep.Grid preset = paper ? MilSweep.Grid.PAPER : MilSweep.Grid.QUICK;
        List<Integer> counts = bags == null ? preset.bagCounts() : option("--bags", () -> MilSweep.bagCounts(bags));
        List<Double> means = meanBags == null ? preset.meanSizes() : option("--mean-bag", () -> MilSweep.meanSizes(meanBags));
        double std = bagStd == null ? preset.bagStd() : option("--bag-std", () -> Check.nonNegativeFinite("--bag-std", bagStd));
        return new MilSweep.Grid(counts, means, std, chosenModels(preset.models(), MilModel::named), seedCount(preset.seeds()));
    }

    private MilExperiment experiment(List<MilModel> models) {
        MilExperiment defaults = MilExperiment.defaults(models);
        int tests = option("--test-bags", () -> Check.positive("--test-bags", testBags));
        return defaults.withTraining(training(defaults.training())).withTestBags(tests);
    }
}
