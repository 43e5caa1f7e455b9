package org.hopfield4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work is done, that an output file named by an option can be written. */
final class WritableTarget {
    private WritableTarget() {}

    /**
     * Fails with a {@link UserError} if {@code file} (given by {@code option}, e.g. "--out") is a
     * directory, its parent is missing or not a directory, or it cannot be created or replaced.
     */
    static void check(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + ": is a directory, expected a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            if (!Files.exists(parent)) {
                throw new UserError(option + " " + file + ": directory " + parent + " does not exist");
            }
            if (!Files.isDirectory(parent)) {
                throw new UserError(option + " " + file + ": " + parent + " is not a directory");
            }
            // files are replaced through a temporary file beside them: the directory must be writable
            if (!Files.isWritable(parent)) {
                throw new UserError(option + " " + file + ": directory " + parent + " is not writable");
            }
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserError(option + " " + file + ": file exists and is not writable");
        }
    }
}
