package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hopfield4j.experiment.ResultTable;
import picocli.CommandLine.Option;

/**
 * The benchmarks' {@code --csv FILE} option (a picocli mixin): checked before the run so a bad path
 * fails before minutes of timing, written after it, through the project's one CSV writer
 * ({@link ResultTable}: quoted where a cell needs it).
 */
final class CsvOutput {
    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table to FILE as CSV.")
    Path file;

    /** Throws a {@link UserError} now if --csv was given and cannot be written. */
    void checkWritable() {
        if (file != null) {
            WritableTarget.check("--csv", file);
        }
    }

    /** An empty table with the columns of {@code header} ("a,b,c"). */
    static ResultTable table(String header) {
        return new ResultTable(header.split(","));
    }

    /** {@code v} with {@code decimals} decimals, or an empty cell for NaN (not measured). */
    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@code v} with six significant digits ({@code %.6g}), or an empty cell for NaN. */
    static String general(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Writes {@code table} to the --csv file, if one was given. */
    void write(ResultTable table) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, table.csv());
        } catch (IOException e) {
            throw new UserError("--csv " + file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
