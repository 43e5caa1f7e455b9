package org.hopfield4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.experiment.MemorisationExperiment;
import org.hopfield4j.experiment.MemorisationSweep;
import org.hopfield4j.internal.Check;
import org.hopfield4j.plot.ErrorBarChart;
import org.hopfield4j.plot.MemorisationCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hopfield4j experiment memorise}: U-Hop's Figure 6, a Hopfield-layer classifier's accuracy against N. */
@Command(name = "memorise",
        header = "Memorisation (U-Hop's Figure 6): training and test accuracy of a Hopfield-layer classifier against the "
                + "number of training samples N, with and without U-Hop.",
        description = {
            "For each data set, N and seed: draw N labelled training images (seeded; a smaller N is a prefix of a larger "
                    + "one), train a HopfieldLayer classifier (LayerNorm, W_Q, softmax over a learned memory whose values "
                    + "are the class logits) with and without U-Hop's learned-kernel similarity (Algorithm 2), and score "
                    + "it on the N images (memorisation) and on the test images (generalisation).",
            "Writes DIR/memorise.csv (dataset,model,n,train_acc_mean,train_acc_std,test_acc_mean,test_acc_std,seeds), "
                    + "DIR/memorise.png and DIR/memorise-protocol.txt, and prints the table.",
            "Models (--models): hopfield (dot product), uhop (learned kernel, Algorithm 2). Training: at least 10 epochs "
                    + "(--epochs) and 1 500 steps (--min-steps) of AdamW, lr 0.003 (--lr).",
            "Grid: by default a quick one (mnist-full, N 100, 1000, 10000, both models, 2 seeds; minutes on 2 cores); "
                    + "--paper selects U-Hop's Figure 6 grid (mnist-full and fashion-mnist, N 100, 300, 1000, 3000, 10000, "
                    + "both models, 5 seeds; about an hour). Options given replace the grid's values."},
        footer = {"  java -jar samples/target/hopfield4j.jar experiment memorise --out results/memorise",
            "  java -jar samples/target/hopfield4j.jar experiment memorise --paper --out results/memorise",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class ExperimentMemoriseCommand extends LearningExperimentBase {

    @Option(names = "--sizes", split = ",", paramLabel = "N", order = 10,
            description = "Training samples N, comma-separated (default: 100,1000,10000; --paper: 100,300,1000,3000,10000).")
    List<Integer> sizes;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME", order = 11,
            description = "Labelled sets, comma-separated (default: mnist-full; --paper: mnist-full,fashion-mnist).")
    List<String> datasets;

    @Option(names = "--min-steps", paramLabel = "N", defaultValue = "1500", order = 31,
            description = "Optimiser steps every N gets at least (more epochs for small N) (default: ${DEFAULT-VALUE}).")
    int minSteps;

    @Option(names = "--test-images", paramLabel = "N", defaultValue = "10000", order = 32,
            description = "Test images scored, the first of the test split (default: ${DEFAULT-VALUE}).")
    int testImages;

    @Override
    protected int run() {
        MemorisationSweep.Grid grid = grid();
        List<Integer> ns = grid.sizes();
        List<MemorisationExperiment.Variant> variants = grid.models();
        int n = grid.seeds();
        MemorisationExperiment defaults = MemorisationExperiment.defaults();
        MemorisationExperiment exp = new MemorisationExperiment(defaults.classifier(), training(defaults.training()),
                option("--min-steps", () -> Check.nonNegative("--min-steps", minSteps)),
                option("--test-images", () -> Check.positive("--test-images", testImages)));
        ExperimentFiles.checkDirectory(out);
        List<ImageSet[]> data = new ArrayList<>();
        for (StandardDataset set : grid.datasets()) {
            ImageSet[] d = trainAndTest("--datasets", set);
            if (ns.get(ns.size() - 1) > d[0].count()) {
                throw usage("--sizes " + ns.get(ns.size() - 1) + ": " + set.cliName() + " has " + d[0].count() + " training images");
            }
            data.add(d);
        }
        Path dir = ExperimentFiles.directory(out);

        List<String> protocol = new ArrayList<>();
        protocol.add("experiment memorise (hopfield4j " + VersionProvider.projectVersion() + ")");
        for (ImageSet[] d : data) {
            protocol.add(String.format(Locale.ROOT, "data: %s (%d images), test %s", d[0].description(), d[0].count(), d[1].description()));
        }
        protocol.add("models: " + String.join(", ", variants.stream().map(MemorisationExperiment.Variant::label).toList()));
        protocol.add("classifier and training: " + exp.describe());
        protocol.add("scores: accuracy (argmax of the logits) on the N training images and on the test images; mean and sample std (n-1) over seeds");
        protocol.add(String.format(Locale.ROOT, "runs: N %s, %s", ns, seedRange(n)));
        protocol.add(machine());
        printHeader(protocol);

        long start = System.nanoTime();
        List<MemorisationSweep.Point> points = new ArrayList<>();
        try (ProgressLine progress = progress((long) data.size() * ns.size() * n)) {
            MemorisationSweep sweep = new MemorisationSweep(exp, variants, seed, n, progress::step);
            for (int i = 0; i < data.size(); i++) {
                points.addAll(sweep.sweep(grid.datasets().get(i).cliName(), data.get(i)[0], data.get(i)[1], ns));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        protocol.add(String.format(Locale.ROOT, "runtime: %.1f s (load average at the end %s)", seconds, MachineInfo.loadAverage()));

        Path csv = dir.resolve("memorise.csv"), png = dir.resolve("memorise.png"), protocolFile = dir.resolve("memorise-protocol.txt");
        String what = String.format(Locale.ROOT, "mean ± std over %d seeds", n);
        new ExperimentFiles().text(csv, MemorisationSweep.table(points).csv())
                .add(png, staged -> ErrorBarChart.save(staged, MemorisationCharts.of(points, what)))
                .text(protocolFile, String.join("\n", protocol) + "\n")
                .commit(dir);
        printResult(MemorisationSweep.table(points).alignedLines(), List.of(csv, png, protocolFile), seconds);
        return Main.EXIT_OK;
    }

    /** The grid the options select: --paper's or the quick default's values, each option given replacing its own. */
    MemorisationSweep.Grid grid() {
        MemorisationSweep.Grid preset = paper ? MemorisationSweep.Grid.PAPER : MemorisationSweep.Grid.QUICK;
        List<StandardDataset> sets = datasets == null ? preset.datasets()
                : datasets.stream().map(name -> option("--datasets", () -> StandardDataset.named(name))).distinct().toList();
        List<Integer> ns = sizes == null ? preset.sizes() : option("--sizes", () -> MemorisationSweep.sampleCounts(sizes));
        return new MemorisationSweep.Grid(sets, ns, chosenModels(preset.models(), MemorisationExperiment.Variant::named),
                seedCount(preset.seeds()));
    }
}
