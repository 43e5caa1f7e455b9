package org.hopfield4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The benchmarks' {@code --csv FILE} option (a picocli mixin): checked before the run so a bad path
 * fails before minutes of timing, written after it.
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

    /** Writes {@code text} to the --csv file, if one was given. */
    void write(CharSequence text) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserError("--csv " + file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
