package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.experiment.TrainingSettings;
import org.hopfield4j.internal.Check;
import picocli.CommandLine.Option;

/**
 * What the learning experiments ({@code mil}, {@code memorise}) share: labelled data with a test split,
 * seeds, the training length, the output directory and the progress bar, the protocol header.
 */
abstract class LearningExperimentBase extends AbstractExperimentCommand {
    @Option(names = "--data-dir", paramLabel = "DIR", order = 2,
            description = "Where mnist-full/ and fashion-mnist/ are (default: $HOPFIELD4J_DATA, else data/ beside the jar; "
                    + "fashion-mnist also in /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--paper", order = 9,
            description = "The paper-sized grid, not the quick default: options not given take its values (see the description).")
    boolean paper;

    @Option(names = "--seeds", paramLabel = "N", order = 20,
            description = "Seeds per point, >= 1 (default: 2; --paper: 5).")
    Integer seeds;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", order = 19,
            description = "Models, comma-separated (default: all; see the description).")
    List<String> modelNames;

    @Option(names = "--epochs", paramLabel = "N", order = 30,
            description = "Training epochs, >= 1 (default: the protocol's; see the description).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "LR", order = 31, description = "AdamW learning rate (default: the protocol's).")
    Double lr;

    /** The training and test split of a labelled set, named on the command line by {@code option}. */
    ImageSet[] trainAndTest(String option, String name) {
        return trainAndTest(option, option(option, () -> StandardDataset.named(name)));
    }

    /** The training and test split of {@code set}, chosen by {@code option}. */
    ImageSet[] trainAndTest(String option, StandardDataset set) {
        if (!set.hasTestSplit()) {
            throw usage(option + " " + set.cliName() + ": needs a labelled set with a test split (mnist-full or fashion-mnist)");
        }
        ExperimentData.DataDir dir = ExperimentData.dataDir(dataDir);
        return new ImageSet[] {ExperimentData.standard(set, dir, StandardDataset.Split.TRAIN),
            ExperimentData.standard(set, dir, StandardDataset.Split.TEST)};
    }

    /**
     * The models named by --models in the order given, without repeats ({@code preset} when none).
     *
     * @param parse a name to its model, throwing IllegalArgumentException for an unknown one
     */
    <M> List<M> chosenModels(List<M> preset, Function<String, M> parse) {
        if (modelNames == null || modelNames.isEmpty()) return preset;
        List<M> models = new ArrayList<>();
        for (String name : modelNames) {
            M m = option("--models", () -> parse.apply(name));
            if (!models.contains(m)) models.add(m);
        }
        return models;
    }

    /** The protocol's training settings with --epochs and --lr applied, checked. */
    TrainingSettings training(TrainingSettings defaults) {
        TrainingSettings t = defaults;
        if (epochs != null) t = t.withEpochs(option("--epochs", () -> Check.positive("--epochs", epochs)));
        if (lr != null) t = t.withLearningRate(option("--lr", () -> Check.positiveFinite("--lr", lr)));
        return t;
    }

    /** The seeds option, checked ({@code preset} when not given). */
    int seedCount(int preset) {
        if (seeds == null) return preset;
        if (seeds < 1) throw usage("--seeds must be >= 1, got " + seeds);
        return seeds;
    }

    /** "seeds S..S+n-1". */
    String seedRange(int n) {
        return String.format(Locale.ROOT, "seeds %d..%d", seed, seed + n - 1);
    }

    /** The progress bar over {@code total} steps (off with --no-progress). */
    ProgressLine progress(long total) {
        return new ProgressLine(spec.commandLine().getErr(), noProgress, spec.name(), total, "", 500, 110);
    }

    /** Prints the table and where the files went. */
    void printResult(List<String> table, List<Path> files, double seconds) {
        PrintWriter o = spec.commandLine().getOut();
        table.forEach(o::println);
        o.println(String.format(Locale.ROOT, "# wrote %s (%.1f s)", String.join(", ", files.stream().map(Path::toString).toList()),
                seconds));
        o.flush();
    }

    /** The machine and its load, for protocol files. */
    static String machine() {
        return "machine: " + MachineInfo.describe();
    }
}
