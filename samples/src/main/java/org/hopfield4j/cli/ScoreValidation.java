package org.hopfield4j.cli;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.hopfield4j.io.NpyArray;
import org.hopfield4j.io.NpyDtype;

/**
 * Checks the scores of a {@code .npy} file before a separation map sees them, so that a bad value
 * is reported with its place in the user's array (row and column), not a flat index.
 */
final class ScoreValidation {
    private ScoreValidation() {}

    /**
     * Rows of length at least 1; every value finite or −∞ (a masked entry); {@code beta · |score|}
     * finite.
     */
    static void check(String option, Path file, NpyArray scores, double beta) {
        if (scores.cols() == 0) {
            throw new UserError(option + " " + file + ": shape " + shape(scores)
                    + " has rows of length 0; each row needs at least one score");
        }
        double maxAbs = 0;
        if (scores.dtype() == NpyDtype.FLOAT32) {
            FloatBuffer z = scores.floatBuffer(); // a view: no copy
            for (int i = 0; i < scores.size(); i++) {
                maxAbs = check(option, file, scores, i, z.get(i), maxAbs);
            }
        } else {
            DoubleBuffer z = scores.doubleBuffer();
            for (int i = 0; i < scores.size(); i++) {
                maxAbs = check(option, file, scores, i, z.get(i), maxAbs);
            }
        }
        if (Double.isInfinite(beta * maxAbs)) {
            throw new UserError("--beta " + beta + " times the largest |score| " + maxAbs + " in " + file
                    + " overflows; use a smaller --beta");
        }
    }

    private static double check(String option, Path file, NpyArray scores, int index, double v, double maxAbs) {
        if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
            throw new UserError(option + " " + file + ": element " + position(scores, index) + " is "
                    + (Double.isNaN(v) ? "NaN" : "+Infinity")
                    + "; scores must be finite, or -Infinity to mask an entry");
        }
        return v == Double.NEGATIVE_INFINITY ? maxAbs : Math.max(maxAbs, Math.abs(v));
    }

    /** numpy's index of a flat position: [c] for 1-D, [r, c] for 2-D. */
    static String position(NpyArray a, int index) {
        return a.rank() == 1 ? "[" + index + "]" : "[" + index / a.cols() + ", " + index % a.cols() + "]";
    }

    /** The shape as numpy prints it: (n,) or (rows, cols). */
    static String shape(NpyArray a) {
        int[] s = a.shape();
        return s.length == 1 ? "(" + s[0] + ",)" : "(" + s[0] + ", " + s[1] + ")";
    }
}
