package org.hopfield4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.MapKind;
import org.hopfield4j.Separation;
import org.hopfield4j.internal.Check;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code hopfield4j separate}: applies a separation map to every row of a {@code .npy} score
 * matrix and writes the probabilities, same dtype and shape.
 */
@Command(name = "separate",
        header = "Apply a separation map (softmax, sparsemax, entmax) to every row of a .npy score matrix.",
        description = {
            "Reads a float32 or float64 array from --in, maps every row of beta * scores onto the probability "
                    + "simplex and writes the result to --out with the same dtype and shape.",
            "A 2-D array (rows, n) holds one row of scores per line; a 1-D array (n,) is a single row.",
            "A score of -inf masks its entry: it gets probability exactly 0; a row whose every score is -inf "
                    + "comes out all zeros. NaN and +inf are rejected.",
            "The output is written atomically; --out may be the same file as --in."},
        footerHeading = "%nExample:%n",
        footer = {"  java -jar hopfield4j.jar separate --map entmax --alpha 1.5 --beta 2 \\",
            "      --in scores.npy --out probs.npy",
            "",
            "Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error."})
final class SeparateCommand extends StandardCommand {

    @Option(names = "--map", required = true, paramLabel = "MAP", converter = KindOptions.SeparationConverter.class,
            completionCandidates = KindOptions.SeparationLabels.class,
            description = "The map: ${COMPLETION-CANDIDATES}. entmax15 is exact 1.5-entmax; "
                    + "entmax is alpha-entmax for the --alpha given.")
    MapKind map;

    @Option(names = "--alpha", paramLabel = "A",
            description = "alpha of --map entmax, finite and > 1 (1.5 = entmax15, 2 = sparsemax). "
                    + "Required with --map entmax, rejected with the other maps.")
    Double alpha;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "Inverse temperature, finite and > 0: the map is applied to B * scores "
                    + "(default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--in", required = true, paramLabel = "FILE",
            description = "Scores: a 1-D or 2-D float32/float64 .npy file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the probabilities (.npy, same dtype and shape as --in).")
    Path out;

    @Option(names = {"-q", "--quiet"},
            description = "Print nothing on success (default: one summary line on stdout).")
    boolean quiet;

    @Mixin
    Uint8Scaling uint8;

    @Override
    protected int run() {
        Separation separation = separation();
        NpyArray scores = NpyFiles.read("--in", in, uint8.readOptions());
        ScoreValidation.check("--in", in, scores, beta);
        WritableTarget.check("--out", out);

        int rows = scores.rows();
        int n = scores.cols();
        int[] support = new int[rows];
        if (scores.dtype() == NpyDtype.FLOAT32) {
            float[] p = scores.floatData(); // a copy, mapped in place
            checked(() -> separation.apply(p, null, p, support, rows, n, beta));
            NpyFiles.write("--out", out, p, scores.shape());
        } else {
            double[] p = scores.doubleData();
            checked(() -> separation.apply(p, null, p, support, rows, n, beta));
            NpyFiles.write("--out", out, p, scores.shape());
        }
        if (!quiet) {
            printSummary(separation, scores, support);
        }
        return Main.EXIT_OK;
    }

    /**
     * Runs the map. The API re-checks every argument before native code runs; all of them come from
     * the user's file and options, so a rejection is a user error (ScoreValidation should have
     * caught it first).
     */
    private void checked(Runnable mapping) {
        try {
            mapping.run();
        } catch (IllegalArgumentException e) {
            throw new UserError("--in " + in + ": " + e.getMessage(), e);
        }
    }

    /** The map, after checking that --map, --alpha and --beta fit together. */
    private Separation separation() {
        option("--beta", () -> Check.positiveFinite("--beta", beta));
        return map.separation(KindOptions.parameter(map, alpha, null, Double.NaN, this::usage));
    }

    private void printSummary(Separation separation, NpyArray scores, int[] support) {
        long total = 0;
        for (int s : support) {
            total += s;
        }
        double mean = support.length == 0 ? 0 : (double) total / support.length;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "%s, beta %s: %s %s %s -> %s, mean support %.2f of %d",
                separation.name(), beta, in, scores.dtype().numpyName(), ScoreValidation.shape(scores), out,
                mean, scores.cols()));
        stdout.flush();
    }
}
