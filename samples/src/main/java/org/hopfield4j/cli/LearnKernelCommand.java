package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.KernelTrainer;
import org.hopfield4j.LearnedKernel;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.SeparationLoss;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.NpyArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hopfield4j learn-kernel}: U-Hop stage I on a {@code .npy} memory store
 * ({@link KernelTrainer}), writing the learned feature map W and printing the loss history.
 */
@Command(name = "learn-kernel",
        header = "Learn the U-Hop kernel W (stage I) by minimising a separation loss over the memories.",
        description = {
            "Reads the memories (M, d), draws W (d x d) i.i.d. standard Gaussian N(0, 1) from --seed, and runs --epochs "
                    + "full-batch steps of gradient descent (or Adam) on the separation loss of the features "
                    + "W xi_mu (normalised to unit length unless --no-normalize-features). After training every "
                    + "row of W is scaled to unit length (the paper's Algorithm 1) unless --no-row-normalize. "
                    + "W is written to --out: a .npy name gets W alone as a float64 array (d, d); a .npz name gets a "
                    + "checksummed kernel archive (W.npy, the training settings, the loss history and a format "
                    + "version with a CRC-32; see docs/formats.md). retrieve --kernel reads either.",
            "Losses (t > 0): avg = log mean_{mu<nu} exp(-t |f_mu - f_nu|^2) (the paper's eq. 2.6); "
                    + "max = -t min |f_mu - f_nu|^2 (the closest pair); dl = log mean exp(2t (<f_mu, f_nu>^2 - 1)).",
            "Schedules of the step lr_i: constant; sqrt = lr / sqrt(i); cumulative = lr_{i-1} / sqrt(i) "
                    + "(the authors' code; it effectively stops after about 10 epochs).",
            "Prints the loss history on stdout: for epoch 0..N the loss of W after that many steps and the "
                    + "smallest distance |f_mu - f_nu| between two memories' features. A progress bar runs on "
                    + "stderr while training (--no-progress turns it off).",
            "The paper's lr = 1 goes with that N(0, 1) start; "
                    + "if the loss history does not fall, lower --lr or use --optimizer adam."},
        footerHeading = "%nExample:%n",
        footer = {"  java -jar hopfield4j.jar learn-kernel --memories xi.npy --epochs 100 --lr 1 --t 2 \\",
            "      --loss avg --schedule constant --out w.npy",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class LearnKernelCommand extends StandardCommand {

    /** The losses by their command-line names. */
    enum LossName { avg, max, dl }

    /** The schedules by their command-line names. */
    enum ScheduleName { constant, sqrt, cumulative }

    /** The optimisers by their command-line names. */
    enum OptimizerName { sgd, adam }

    @Option(names = "--memories", required = true, paramLabel = "FILE",
            description = "Stored patterns: a 2-D float32/float64 .npy array (M, d), M >= 2.")
    Path memories;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100",
            description = "Full-batch epochs, >= 0 (default: ${DEFAULT-VALUE}; 0 writes the initial W).")
    int epochs;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1",
            description = "Learning rate, finite and > 0 (default: ${DEFAULT-VALUE}, the paper's).")
    double lr;

    @Option(names = "--t", paramLabel = "T", defaultValue = "2",
            description = "Scale t of the loss, finite and > 0 (default: ${DEFAULT-VALUE}).")
    double t;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "avg",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LossName loss;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ScheduleName schedule;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "sgd",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the paper's).")
    OptimizerName optimizer;

    @Option(names = "--no-normalize-features",
            description = "Use the raw features W xi in the loss (default: normalised to unit length).")
    boolean noNormalizeFeatures;

    @Option(names = "--no-row-normalize",
            description = "Keep W as trained (default: scale every row to unit length afterwards).")
    boolean noRowNormalize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the Gaussian initialisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-half",
            description = "Train on the first floor(M/2) memories only (the authors' masking scripts).")
    boolean firstHalf;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the kernel: W as a float64 .npy (d, d), or a .npz kernel archive with the "
                    + "training settings and a checksum.")
    Path out;

    @Option(names = "--no-progress", description = "Do not show the progress bar on stderr.")
    boolean noProgress;

    @Mixin
    Uint8Scaling uint8;

    @Override
    protected int run() {
        checkOptions();
        NpyArray memoryArray = MatrixFiles.read("--memories", memories, MatrixFiles.Shape.MEMORIES, uint8.readOptions());
        int M = memoryArray.rows(), d = memoryArray.cols();
        int trained = firstHalf ? M / 2 : M;
        if (trained < 2) {
            throw new UserError("--memories " + memories + ": shape " + ScoreValidation.shape(memoryArray)
                    + (firstHalf ? " gives floor(M/2) = " + trained + " memories with --first-half" : " has M = " + M)
                    + "; the separation loss is over pairs and needs at least 2 memories");
        }
        WritableTarget.check("--out", out);

        LearnedKernel kernel;
        try (MemoryStore store = MatrixFiles.store("--memories", memories, memoryArray);
             ProgressLine bar = new ProgressLine(spec.commandLine().getErr(), noProgress, "stage I", epochs, " epochs", 250, 100)) {
            KernelTrainer trainer = trainer(bar);
            kernel = train(trainer, store);
        }

        KernelFiles.write("--out", out, kernel);

        // printed only once W is written: a user error leaves stdout empty
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT,
                "# learn-kernel: %s loss, t %s, %d epochs, lr %s (%s), %s, features %s, rows %s; seed %d; "
                        + "trained on %s%d of %d memories, d %d, %s; W %d x %d",
                loss, t, epochs, lr, schedule, optimizer, noNormalizeFeatures ? "raw" : "normalised",
                noRowNormalize ? "as trained" : "normalised after training", seed, firstHalf ? "the first " : "",
                trained, M, d, memoryArray.dtype().numpyName(), d, d));
        stdout.flush();

        double[] losses = kernel.lossHistory();
        double[] minD2 = kernel.minDistanceHistory();
        stdout.println(String.format(Locale.ROOT, "%6s %16s %14s", "epoch", "loss", "min_distance"));
        for (int i = 0; i < losses.length; i++) {
            stdout.println(String.format(Locale.ROOT, "%6d %16.8f %14.8f", i, losses[i], Math.sqrt(Math.max(0, minD2[i]))));
        }
        stdout.println(String.format(Locale.ROOT, "W %d x %d float64%s -> %s; loss %.6f -> %.6f",
                kernel.featureDimension(), kernel.inputDimension(),
                KernelFiles.isArchiveName(out) ? " with its training settings, checksummed" : "", out,
                losses[0], losses[losses.length - 1]));
        stdout.flush();
        return Main.EXIT_OK;
    }

    /** The library's rules, named by option (so each rule is written once, in Check). */
    private void checkOptions() {
        try {
            Check.epochs("--epochs", epochs);
            Check.positiveFinite("--lr", lr);
            Check.positiveFinite("--t", t);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private KernelTrainer trainer(ProgressLine bar) {
        KernelTrainer.Builder b = KernelTrainer.builder()
                .loss(SeparationLoss.named(loss.name())).t(t).epochs(epochs).learningRate(lr)
                .schedule(KernelTrainer.Schedule.named(schedule.name()))
                .optimizer(optimizer == OptimizerName.adam ? KernelTrainer.Optimizer.ADAM : KernelTrainer.Optimizer.SGD)
                .normalizeFeatures(!noNormalizeFeatures).normalizeRows(!noRowNormalize).seed(seed)
                .progress((epoch, total, lossValue, minDistance2, rate) ->
                        bar.stepTo(epoch, String.format(Locale.ROOT, "loss %.4f", lossValue)));
        if (firstHalf) {
            b.firstHalf();
        }
        return b.build();
    }

    private LearnedKernel train(KernelTrainer trainer, MemoryStore store) {
        try {
            return trainer.train(store);
        } catch (IllegalArgumentException e) {
            // the only data-dependent rejection: memories so large that the features overflow
            throw new UserError("--memories " + memories + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // divergence (lower --lr) or an M x M working matrix that does not fit in memory
            throw new UserError(e.getMessage(), e);
        }
    }

}
