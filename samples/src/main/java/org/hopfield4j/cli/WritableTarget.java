package org.hopfield4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any work is done, that an output file named by an option can be written. */
final class WritableTarget {
    private WritableTarget() {}

    /**
     * Fails with a {@link UserError} if {@code file} (given by {@code option}, e.g. "--out") is empty or a
     * directory, its parent is missing or not a directory, or it cannot be created or replaced. A
     * character device or FIFO that exists only needs to be writable: it is written through
     * (docs/reliability.md#output-targets).
     */
    static void check(String option, Path file) {
        if (file.toString().isEmpty()) {
            throw new UserError(option + ": empty path, expected a file name");
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + ": is a directory, expected a file name");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a device or FIFO (/dev/null, a pipe) is written through, never replaced: only it must be writable
            if (!Files.isWritable(file)) {
                throw new UserError(option + " " + file + ": exists, is not a regular file and is not writable");
            }
            return;
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
